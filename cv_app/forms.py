from django import forms
from django.template.defaultfilters import filesizeformat

from cv_app.parsing import MAX_UPLOAD_BYTES
from portfolio.api.uploads import UploadTooLargeError


class CVUploadForm(forms.Form):
    file = forms.FileField(
        help_text=f"PDF or DOCX with selectable text, at most {filesizeformat(MAX_UPLOAD_BYTES)}. "
        "It becomes the active "
        "CV once processed; the current one keeps answering until then."
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(UploadTooLargeError(MAX_UPLOAD_BYTES).message)
        return upload
