from portfolio.api.crud import instance_save
from tools_app.models import AITool

# The cached tools list is invalidated by the model's save/delete signals (apps.py).


def tool_create(*, data) -> AITool:
    return instance_save(AITool(), data)


def tool_update(*, tool, data) -> AITool:
    return instance_save(tool, data)


def tool_delete(*, tool) -> None:
    tool.delete()
