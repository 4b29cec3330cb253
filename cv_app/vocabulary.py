"""The words cv_app reads in questions and CVs, Spanish and English: data, not
translations (the answers' own sentences are in the gettext catalog).

PHRASES and WORDS bridge a Spanish question to English; the MARKERS tell a
question's language, the TEXT sets a document's; GLOSSES give a Spanish CV's words
the English a question uses for them."""

# Several words first, so "tiempo libre" is not read word by word.
PHRASES = [
    ("tiempo libre", "free time"), ("ratos libres", "free time"),
    ("correo electrónico", "email"), ("correo electronico", "email"),
    ("fecha de nacimiento", "date of birth"), ("estado civil", "marital status"),
    ("carné de conducir", "driving licence"), ("carnet de conducir", "driving licence"),
    ("permiso de conducir", "driving licence"), ("nota media", "gpa"),
    ("lenguajes de programación", "programming languages"),
    ("lenguajes de programacion", "programming languages"),
    ("a qué se dedica", "what does she do"), ("a que se dedica", "what does she do"),
    ("en qué empresa", "at which company"), ("en que empresa", "at which company"),
    ("para qué empresa", "for which company"), ("años de experiencia", "years of experience"),
    ("trabajo de fin de grado", "bachelor thesis"), ("trabajo fin de grado", "bachelor thesis"),
    ("trabajo de fin de máster", "master thesis"), ("trabajo fin de máster", "master thesis"),
    ("trabajo fin de master", "master thesis"), ("proyecto fin de carrera", "thesis"),
    ("tesis doctoral", "phd thesis"), ("carrera profesional", "career"),
    ("trayectoria profesional", "career"), ("años lleva trabajando", "years of experience"),
    ("lleva trabajando", "experience"), ("cuadros de mando", "dashboards"),
    ("cuadro de mando", "dashboard"),
    ("trabajó como", "worked as"), ("trabajo como", "worked as"), ("trabaja como", "works as"),
    ("primer trabajo", "first job"), ("primer empleo", "first job"),
    ("trabajo actual", "current job"), ("puesto actual", "current position"),
    ("empresa actual", "current company"), ("hoy en día", "now"),
    ("cuántos años tiene", "how old is"), ("cuantos años tiene", "how old is"),
    ("qué edad tiene", "how old is"), ("que edad tiene", "how old is"),
    ("reconocimiento académico", "academic honour"),
    ("reconocimiento academico", "academic honour"),
    ("sin embargo", "however"), ("por qué", "why"), ("qué tal", "how"),
]  # fmt: skip

WORDS = {
    # question words
    "qué": "what", "que": "what", "cuál": "which", "cual": "which", "cuáles": "which",
    "cuales": "which", "cuándo": "when", "cuando": "when", "dónde": "where", "donde": "where",
    "quién": "who", "quien": "who", "cómo": "how", "como": "as", "cuánto": "how much",
    "cuanto": "how much", "cuánta": "how much", "cuántos": "how many", "cuantos": "how many",
    "cuántas": "how many", "cuantas": "how many", "desde": "since", "hasta": "until",
    # sections and what they hold
    "experiencia": "experience", "educación": "education", "educacion": "education",
    "formación": "education", "formacion": "education", "estudios": "studies",
    "habilidades": "skills", "habilidad": "skill", "competencias": "skills",
    "conocimientos": "skills", "aptitudes": "skills", "tecnologías": "technologies",
    "tecnologias": "technologies", "tecnología": "technology", "herramientas": "tools",
    "herramienta": "tool", "certificaciones": "certifications", "certificación": "certification",
    "certificacion": "certification", "certificados": "certificates", "certificado": "certificate",
    "idiomas": "languages", "idioma": "language", "lenguas": "languages", "lenguajes": "languages",
    "proyectos": "projects", "proyecto": "project", "aficiones": "hobbies", "afición": "hobby",
    "pasatiempos": "hobbies", "intereses": "interests", "premios": "awards",
    "publicaciones": "publications", "premio": "award", "galardón": "award",
    "reconocimiento": "award", "reconocimientos": "awards", "edad": "age",
    "recibió": "received", "ganó": "won", "sobre": "about", "trató": "was about",
    "trata": "is about", "voluntariado": "volunteering", "cursos": "courses",
    "resumen": "summary", "perfil": "profile", "empresa": "company", "empresas": "companies",
    "compañía": "company", "trabajo": "job", "trabajos": "jobs", "empleo": "job",
    "empleos": "jobs", "empleador": "employer", "puesto": "position", "puestos": "positions",
    "cargo": "role", "cargos": "roles", "título": "title", "titulo": "title",
    "titulación": "degree", "carrera": "degree", "máster": "master", "master": "master",
    "maestría": "master", "maestria": "master", "licenciatura": "bachelor", "grado": "bachelor",
    "doctorado": "phd", "universidad": "university", "escuela": "school", "ciudad": "city",
    "país": "country", "pais": "country", "contacto": "contact", "teléfono": "phone",
    "telefono": "phone", "correo": "email", "equipo": "team", "salario": "salary",
    "sueldo": "salary", "años": "years", "año": "year", "meses": "months",
    # verbs
    "trabajar": "work", "trabajado": "worked", "estudiado": "studied", "hecho": "done",
    "obtener": "earn", "obtenido": "earned", "conseguido": "earned", "hablar": "speak",
    "usado": "used", "utilizado": "used", "vivir": "live", "dirige": "leads",
    "empezar a": "start", "cursó": "studied", "curso": "course", "diseñó": "designed",
    "trabajó": "worked", "trabajo en": "worked at", "trabaja": "works", "trabajaba": "worked",
    "estudió": "studied", "estudio": "studied", "estudiar": "study", "estudia": "studies",
    "empezó": "started", "empezo": "started", "comenzó": "started", "comenzo": "started",
    "inició": "started", "empezar": "start", "terminó": "finished", "termino": "finished",
    "acabó": "finished", "dejó": "left", "dejo": "left", "hizo": "did", "hace": "does",
    "hacía": "did", "tiene": "have", "tenía": "had", "tuvo": "had", "ha": "has", "había": "had",
    "sabe": "know", "conoce": "know", "domina": "know", "usa": "use", "utiliza": "use",
    "usó": "used", "habla": "speak", "hablan": "speak", "vive": "lives", "reside": "lives",
    "está": "is", "esta": "is", "es": "is", "fue": "was", "era": "was", "son": "are",
    "dirigió": "led", "lideró": "led", "gestionó": "managed", "desarrolló": "developed",
    "construyó": "built", "creó": "created", "redujo": "reduced", "ahorró": "saved",
    "mejoró": "improved", "obtuvo": "earned", "consiguió": "earned", "graduó": "graduated",
    "ubicada": "located", "ubicado": "located", "basada": "based", "basado": "based",
    "casada": "married", "casado": "married", "nació": "born",
    # time and order
    "actual": "current", "actualmente": "currently", "ahora": "now", "primer": "first",
    "primera": "first", "primero": "first", "último": "latest", "última": "latest",
    "ultimo": "latest", "ultima": "latest", "reciente": "recent", "antes": "before",
    "después": "after", "despues": "after", "entre": "between",
    # function words
    "y": "and", "o": "or", "en": "at", "de": "of", "del": "of the", "para": "for",
    "con": "with", "sin": "without", "su": "her", "sus": "her", "ella": "she", "él": "he",
    "la": "the", "el": "the", "los": "the", "las": "the", "un": "a", "una": "a", "al": "to the",
    "por": "for", "se": "", "lo": "it", "le": "her", "algún": "any", "alguna": "any",
    "alguno": "any", "hay": "there is", "mucho": "much", "muchos": "many", "nivel": "level",
    "inglés": "english", "ingles": "english", "español": "spanish", "alemán": "german",
    "francés": "french", "nativo": "native", "nativa": "native", "fluido": "fluent",
}  # fmt: skip

SPANISH_MARKERS = frozenset(
    """qué que cuál cuáles cuándo cuando dónde donde cómo quién cuánto cuántos cuántas
    el la los las del de en es su sus tiene ha y una un por para con trabajó estudió
    habla empresa experiencia estudios habilidades idiomas hizo hace""".split()
)

ENGLISH_MARKERS = frozenset(
    """the what when where which who how did does do is has have her his she he of at in
    and a an with for work worked study studied""".split()
)

SPANISH_TEXT = frozenset(
    """de la el en y los las del con para por una un que se su al como sus desde hasta
    experiencia formación educación habilidades idiomas actualidad hoy presente proyectos
    empresa universidad grado máster equipo clientes desarrollo gestión""".split()
)

ENGLISH_TEXT = frozenset(
    """the and of in to with for at a on as by from an its experience education skills
    languages present projects company university team customers development""".split()
)

# Spanish CV words (accents folded, by their beginning) and the English words a
# question uses for them, so an English question meets a Spanish CV. Verbs are
# listed by stem, so every person and tense of them counts.
GLOSSES = [
    ("dirig", "led lead manage managed"), ("lider", "led lead"), ("encabez", "led"),
    ("gestion", "managed manage management"), ("administr", "administered managed ran"),
    ("desarroll", "developed develop development built"), ("reduj", "reduced reduce cut"),
    ("reduc", "reduced reduce cut reduction"), ("recort", "cut reduced"),
    ("aument", "increased increase grew raised boosted"), ("increment", "increased increase"),
    ("crecimiento", "growth grew"), ("creci", "grew growth"), ("mejor", "improved improve"),
    ("supervis", "supervised supervise"), ("becari", "intern interns internship"),
    ("practicas", "internship intern"), ("ingenier", "engineer engineers engineering"),
    ("equipo", "team"), ("client", "client customer"), ("usuari", "user"),
    ("servidor", "server"), ("servicio", "service"), ("migr", "migrated migrate migration"),
    ("automatiz", "automated automate automation"), ("forme", "trained"), ("formo", "trained"),
    ("capacit", "trained training"), ("lanz", "launched launch"), ("disen", "designed design"),
    ("constru", "built build"), ("cree", "created"), ("creo", "created"),
    ("implement", "implemented implement"), ("implant", "implemented deployed"),
    ("despleg", "deployed deploy"), ("desplieg", "deployed deployment"),
    ("escrib", "wrote write"), ("escrit", "wrote written"), ("redact", "wrote"),
    ("public", "published publication"), ("tesis", "thesis dissertation"),
    ("trabajo fin", "thesis"), ("premio", "award prize"), ("galardon", "award"),
    ("proyecto", "project"), ("voluntari", "volunteer volunteering"), ("venta", "sales"),
    ("ingreso", "revenue income"), ("factur", "revenue billing invoice"),
    ("coste", "cost"), ("costo", "cost"), ("gasto", "spend spending cost"),
    ("ahorr", "saved save savings"), ("latencia", "latency"), ("tiempo", "time"),
    ("conversion", "conversion"), ("tasa", "rate"), ("estrella", "star stars"),
    ("descarga", "download downloads"), ("valoracion", "rating"), ("puntuacion", "rating score"),
    ("calificacion", "rating grade"), ("nota", "grade gpa"), ("honor", "honours honors"),
    ("sobresaliente", "distinction honours"), ("mencion", "distinction honours"),
    ("cum laude", "honours distinction"), ("empresa", "company"), ("universidad", "university"),
    ("grado", "bachelor degree"), ("licenciatura", "bachelor degree"), ("master", "master"),
    ("doctorado", "phd doctorate"), ("experiencia", "experience"), ("educacion", "education"),
    ("formacion", "education training"), ("estudio", "studies study"),
    ("habilidad", "skill"), ("competencia", "skill"), ("conocimiento", "skill knowledge"),
    ("idioma", "language"), ("ingles", "english"), ("espanol", "spanish"),
    ("castellano", "spanish"), ("aleman", "german"), ("frances", "french"),
    ("italiano", "italian"), ("portugues", "portuguese"), ("catalan", "catalan"),
    ("chino", "chinese"), ("japones", "japanese"), ("arabe", "arabic"), ("ruso", "russian"),
    ("nativ", "native"), ("materna", "native"), ("fluido", "fluent"), ("bilingue", "fluent"),
    ("avanzado", "advanced fluent"), ("intermedio", "intermediate"), ("basico", "basic"),
    ("certific", "certification certified certificate"), ("curso", "course"),
    ("aficion", "hobby interest"), ("interes", "interest"), ("pasatiempo", "hobby"),
    ("actualidad", "present current now"), ("presente", "present current"),
    ("ciudad", "city"), ("telefono", "phone"), ("correo", "email"), ("direccion", "address"),
    ("fotograf", "photography"), ("ajedrez", "chess"), ("correr", "running"),
    ("running", "running"), ("senderismo", "hiking"), ("montan", "mountain hiking"),
    ("ciclismo", "cycling"), ("cocina", "cooking"), ("lectura", "reading"),
    ("viaj", "travel travelling"), ("musica", "music"), ("natacion", "swimming"),
    ("escalada", "climbing"), ("guitarra", "guitar"), ("piano", "piano"),
    ("mentor", "mentored mentor"), ("tutor", "mentored tutored"),
    ("coordin", "coordinated coordinate"), ("organic", "organised organized"),
    ("organiz", "organised organized"), ("plataforma", "platform"),
    ("aplicacion", "application app"), ("herramienta", "tool"), ("sistema", "system"),
    ("dato", "data"), ("modelo", "model"), ("prueba", "test testing"), ("informe", "report"),
    ("pedido", "order"), ("pago", "payment"), ("incidencia", "incident"),
    ("incidente", "incident"), ("alerta", "alert alerting"), ("rendimiento", "performance"),
    ("seguridad", "security"), ("nube", "cloud"), ("movil", "mobile"), ("sitio", "site"),
    ("articulo", "article paper"), ("charla", "talk"), ("ponencia", "talk"),
    ("conferencia", "conference talk"), ("congreso", "conference"), ("revista", "journal"),
    ("estudiante", "student"), ("alumno", "student"), ("profesor", "teacher professor"),
    ("docente", "teacher"), ("ensen", "taught teaching"), ("imparti", "taught"),
    ("clase", "class"), ("taller", "workshop"), ("comunidad", "community"),
    ("fundacion", "foundation"), ("banco", "bank"), ("escuela", "school"),
    ("instituto", "institute"), ("colegio", "school"), ("analista", "analyst"),
    ("desarrollador", "developer"), ("programador", "programmer developer"),
    ("jefe", "head lead manager"), ("jefa", "head lead manager"), ("gerente", "manager"),
    ("director", "director"), ("consultor", "consultant"), ("disenador", "designer"),
    ("cientific", "scientist"), ("investigador", "researcher"), ("investig", "research"),
    ("mes", "month"), ("ano", "year"), ("semana", "week"), ("dia", "day"),
    ("millon", "million"), ("mil", "thousand"), ("ciento", "percent"),
    ("porcentaje", "percent percentage"), ("hora", "hour"), ("minuto", "minute"),
    ("segundo", "second"), ("persona", "people person"), ("miembro", "member"),
    ("empleado", "employee staff"), ("personal", "staff"), ("nino", "children kid"),
    ("joven", "young youth"), ("mayor", "elderly"), ("benefic", "charity"),
    ("donacion", "donation"), ("recaud", "raised fundraising"), ("fondo", "funds"),
    ("evento", "event"), ("hackathon", "hackathon"), ("concurso", "competition contest"),
    ("competicion", "competition"), ("ganador", "winner won"), ("gano", "won"),
    ("primer", "first"), ("mejor", "best"), ("finalista", "finalist"),
    ("codigo abierto", "open source"), ("abierto", "open"), ("libreria", "library"),
    ("biblioteca", "library"), ("paquete", "package"), ("repositorio", "repository"),
    ("contribu", "contributed contributor"), ("mantien", "maintain maintained"),
    ("manten", "maintain maintained"), ("soporte", "support"), ("atencion", "support"),
    ("resolv", "resolved solved"), ("resolu", "resolution resolved"), ("entrega", "delivery"),
    ("envio", "shipping delivery"), ("almacen", "warehouse"), ("inventario", "inventory"),
    ("logistic", "logistics"), ("salud", "health"), ("medic", "medical"),
    ("paciente", "patient"), ("energia", "energy"), ("finanz", "finance"),
    ("financ", "financial finance"), ("tienda", "store shop"), ("comercio", "commerce"),
    ("busqueda", "search"), ("recomend", "recommendation"), ("pagina", "page"),
    ("panel", "dashboard"), ("cuadro de mando", "dashboard"), ("tablero", "dashboard"),
    ("canal", "pipeline channel"), ("flujo", "pipeline workflow"), ("tuberia", "pipeline"),
    ("procesamiento", "processing"), ("proces", "processed process"), ("evento", "event"),
    ("lectura", "reading"), ("registro", "record log"), ("transaccion", "transaction"),
    ("consulta", "query"), ("red", "network"), ("documentacion", "documentation"),
    ("incorpor", "onboarding hired onboarded"), ("contrat", "hired hiring recruited"),
    ("entrevist", "interviewed"), ("responsable", "manager head lead"),
    ("fiabilidad", "reliability"), ("principal", "principal lead staff"), ("analisis", "analysis"),
    ("producto", "product"), ("senior", "senior"), ("cientifica", "scientist"),
    ("arquitect", "architect architecture"), ("operacion", "operations"),
    ("calidad", "quality"), ("cobertura", "coverage"), ("version", "version release"),
    ("publico", "published public"), ("publica", "published public"), ("seguidor", "follower"),
    ("repositorio", "repository"), ("nivel", "level"), ("distincion", "distinction"),
    ("academic", "academic"), ("tecnologia", "technologies technology built"),
    ("hecho con", "built"), ("construido", "built"), ("paso", "moved migrated"),
]  # fmt: skip
