"""The words the offline responder recognises in a question, English and Spanish.

Data, not translations: a question may mix both languages, so each list holds the
words of both; the sentences the responder writes are in the gettext catalog.
"""

import re

INTENT_WORDS = {
    "skills": {
        "skill", "skills", "stack", "tech", "technologies", "technology", "tools", "languages",
        "frameworks", "expertise", "proficient", "habilidades", "tecnologías", "tecnologias",
        "herramientas", "lenguajes",
    },
    "projects": {"project", "projects", "built", "build", "portfolio", "proyecto", "proyectos"},
    "experience": {
        "experience", "work", "worked", "working", "job", "jobs", "company", "companies",
        "role", "roles", "career", "employer", "employers", "employment", "position",
        "background", "experiencia", "trabajo", "trabajos", "trabajado", "trabajó", "empresa",
        "empresas", "carrera", "puesto", "empleo", "empleador",
    },
}  # fmt: skip

# Word stems, so "contactarle", "contacting" and "e-mail" all count.
CONTACT_STEMS = (
    "contact", "email", "e-mail", "mail", "correo", "reach", "phone", "teléfono", "telefono",
    "llamar", "linkedin", "github", "touch", "escribirle", "comunicar",
)  # fmt: skip
LOCATION_WORDS = {
    "located", "location", "based", "live", "lives", "reside", "resides", "city",
    "country", "timezone", "relocate", "vive", "ubicado", "ubicada", "ubicación",
    "ubicacion", "radica", "ciudad", "país", "pais",
}  # fmt: skip
AVAILABILITY_WORDS = {
    "available", "availability", "freelance", "freelancing", "hire", "hiring", "hireable",
    "opportunities", "opportunity", "disponible", "disponibilidad", "contratar", "contratarle",
    "contratarlo", "contratarla", "oportunidades",
}  # fmt: skip
AVAILABILITY_PHRASES = re.compile(
    r"\b(open to|looking for (?:work|a job|a role|new|roles|opportunit)|busca trabajo|"
    r"abiert[oa] a)",
    re.IGNORECASE,
)
PHONE_WORDS = {"phone", "telephone", "number", "call", "teléfono", "telefono", "número", "llamar"}
STRONG_CONTACT_STEMS = ("contact", "email", "e-mail", "correo", "reach", "phone", "touch")

# Requests outside the assistant's job; declined whatever else the question mentions.
OFF_TOPIC = re.compile(
    r"\b(weather|forecast|temperature|raining|rain|snow|joke|jokes|riddle|world cup|"
    r"champions league|super bowl|football|soccer|who won|capital of|president of|recipe|"
    r"horoscope|lottery|stock price|bitcoin price|poem|"
    r"qué tiempo hace|que tiempo hace|clima|llover|lluvia|chiste|chistes|mundial|"
    r"quién ganó|quien gano|"
    r"capital de|presidente de|receta|poema|canción|traduce)\b",
    re.IGNORECASE,
)
CODE_REQUEST = re.compile(
    r"^\W*(?:(?:hey|hi|ok|okay|please|por favor)\W+)*"
    r"(?:(?:can|could|would|will) you\s+|puedes\s+|podrías\s+|podrias\s+)?"
    r"(?:please\s+)?"
    r"(?:write|generate|create|implement|code|debug|fix|solve|refactor|"
    r"escribe|escribir|escríbeme|genera|generar|crea|crear|implementa|programa|arregla|"
    r"resuelve)\b"
    r".*\b(?:function|code|script|program|class|regex|query|sql|algorithm|snippet|bug|"
    r"función|funcion|código|codigo|programa|clase|consulta|algoritmo)\b",
    re.IGNORECASE,
)

ORDINALS = {
    "first": 0, "1st": 0, "second": 1, "2nd": 1, "third": 2, "3rd": 2, "fourth": 3, "4th": 3,
    "fifth": 4, "5th": 4, "primero": 0, "primera": 0, "primer": 0, "segundo": 1,
    "segunda": 1, "tercero": 2, "tercera": 2, "tercer": 2, "cuarto": 3, "cuarta": 3,
    "quinto": 4, "quinta": 4, "last": -1, "último": -1, "última": -1, "ultimo": -1,
    "ultima": -1,
}  # fmt: skip
REFERENT_WORDS = {
    "it", "its", "there", "those", "them", "eso", "esos", "esas", "allí", "alli", "allá", "ahí",
    "ahi",
}  # fmt: skip
# "that" and "this" point back only before a noun that names an item, or at the end
# ("before that"); "Is that all?" and "this site" point at nothing.
DEMONSTRATIVE = re.compile(
    r"\b(?:that|this|these|ese|esa|este|esta)\b\s*(?:$|[?.!]|(?:one|ones|company|job|role|"
    r"project|place|position|app|skill|technology|employer|empresa|proyecto|trabajo|puesto)\b)",
    re.IGNORECASE,
)
JOB_WORDS = INTENT_WORDS["experience"] | {"employed", "works", "trabaja", "empleado"}
# "Where does she work?", "Is he employed?": the job held now.
PRESENT_JOB = re.compile(
    r"\b(?:where|who|which company|what company|for whom)\b.*\b(?:does|do)\b.*\bwork\b|"
    r"\bworks (?:at|for)\b|\b(?:is|are) (?:he|she|they|\w+) (?:working|employed)\b|"
    r"\bdónde trabaja\b|\bdonde trabaja\b|\bpara quién trabaja\b",
    re.IGNORECASE,
)
PROJECT_WORDS = {"project", "projects", "proyecto", "proyectos", "app", "application"}
SKILL_WORDS = {"skill", "technology", "tool", "habilidad", "tecnología"}
MORE_WORDS = {"more", "else", "detail", "details", "más", "mas", "detalles"}

BEFORE = {"before", "prior", "previous", "previously", "earlier", "antes", "anterior"}
AFTER = {"after", "later", "next", "afterwards", "después", "despues", "siguiente", "luego"}
FIRST = {"first", "earliest", "primer", "primero", "primera"}
LATEST = {"latest", "last", "recent", "newest", "último", "última", "ultimo", "reciente"}
CURRENT = {"current", "currently", "now", "today", "present", "actual", "actualmente", "ahora"}

# "How many years of experience does he have?", "¿Cuántos años de experiencia tiene?":
# a question about duration and one about work ("¿Cuántos años tiene?" is his age).
DURATION = re.compile(
    r"\bhow (?:many|much) (?:years?|time)\b|\bhow long\b|\byears of\b|"
    r"\bcu[aá]ntos años\b|\bcu[aá]nto tiempo\b|\baños de\b",
    re.IGNORECASE,
)
WORK = re.compile(
    r"\b(?:experience|experienced|work|works|working|worked|coding|programming|developer|"
    r"engineer|career|industry|field|professional|professionally|job|jobs|"
    r"experiencia|trabaj\w*|programa\w*|desarroll\w*|lleva|profesional)\b",
    re.IGNORECASE,
)
# "What has he built with LLMs?", "Which projects use FastAPI?", "¿Qué ha creado con Django?"
BUILT_WITH = re.compile(
    r"\b(?:built|build|builds|made|make|created|create|developed|develop|shipped|done|"
    r"construido|construyó|construye|creado|creó|hecho|hizo|desarrollado|desarrolló)\b"
    r".*?\b(?:with|using|in|con|usando|en)\s+(?P<tech>[^?!,;]+)|"
    r"\b(?:projects?|proyectos?)\b.*?\b(?:with|using|uses|use|that use|con|usando|usan?|"
    r"que usan?)\s+(?P<tech2>[^?!,;]+)",
    re.IGNORECASE,
)
TECH_FILLER = re.compile(
    r"^(?:the|a|an|el|la|los|las|un|una)\s+|\s+(?:so far|until now|hasta ahora|yet)$",
    re.IGNORECASE,
)
OWNER_WORDS = {
    "he", "him", "his", "himself", "she", "her", "hers", "herself", "they", "them", "their",
    "you", "your", "yourself", "él", "ella", "su", "sus", "le", "lo", "la",
}  # fmt: skip

GREETINGS = {"hi", "hello", "hey", "hola", "buenas", "greetings"}
THANKS = {"thanks", "thank", "thx", "gracias", "cheers"}
SMALL_TALK = GREETINGS | THANKS | {
    "there", "you", "good", "morning", "afternoon", "evening", "buenos", "días", "dias",
    "tardes", "noches", "so", "much", "very", "ok", "okay", "great", "cool", "who", "is",
    "this", "muchas", "a", "lot", "bye", "adiós", "adios", "how", "are", "qué", "que", "tal",
}  # fmt: skip

# "Any blog posts?", "¿Tiene artículos?": a question about what the owner wrote.
BLOG = re.compile(
    r"\b(?:blog|blogs|blogged|blogging|posts?|articles?|art[ií]culos?|publicaci[oó]n|"
    r"publicaciones|entradas)\b",
    re.IGNORECASE,
)
# "What has he written about X?", "¿Qué ha escrito sobre X?" (not "write to him").
WROTE = re.compile(
    r"\b(?:written|wrote|writes? (?:about|on)|writing (?:about|on)|escrito|escribi[oó]|"
    r"escribe sobre)\b",
    re.IGNORECASE,
)
TOPIC = re.compile(
    r"\b(?:about|on|regarding|covering|sobre|acerca de)\s+(?P<topic>[^?!.;]+)", re.IGNORECASE
)
# Words of the question itself, never a post's subject.
WRITING_WORDS = {
    "blog", "blogs", "blogged", "blogging", "post", "posts", "article", "articles",
    "artículo", "artículos", "articulo", "articulos", "publicación", "publicaciones",
    "publicacion", "entradas", "written", "wrote", "write", "writes", "writing", "escrito",
    "escribió", "escribio", "escribe", "ha", "has", "any", "anything", "algo", "algún",
    "alguna", "lately", "recently", "últimamente",
}  # fmt: skip
