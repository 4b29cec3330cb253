"""Random but realistic CV facts from a seed, in English or Spanish.

Everything a question can ask about is a field here, so the ground truth comes
from the generator and not from reading the rendered file back. Names that are
the same in both languages (companies, products, certifications, cities) stay as
they are; the rest (titles, bullets, degrees, theses, levels) has both versions.
"""

# ruff: noqa: RUF001, E501 - CVs write date ranges with en dashes; the phrase tables keep
# each English / Spanish pair on one line.

import random
from dataclasses import dataclass, field

FIRST_NAMES = {
    "f": "Lucía Marta Elena Carmen Sofía Aisha Hannah Chloe Priya Ingrid Nora Irene Paula "
    "Olivia Fatima Julia Alba Clara Mei Yara".split(),
    "m": "Javier Pablo Diego Andrés Tomás Daniel Omar Lukas Ethan Ravi Mateo Hugo Adrián "
    "Samuel Kenji Marco Felipe Iván Noah Arjun".split(),
}
SURNAMES = (
    "García Moreno Navarro Ruiz Delgado Castillo Ortega Romero Vidal Serrano Okafor "
    "Lindqvist Brennan Fischer Novak Kowalski Haddad Mendes Ferreira Quintero Blackwood "
    "Ashford Yamada Rossi Iglesias Prieto Santana Lozano".split()
)
CITIES = [
    ("Madrid", "Spain", "España"), ("Barcelona", "Spain", "España"),
    ("Valencia", "Spain", "España"), ("Bilbao", "Spain", "España"),
    ("Málaga", "Spain", "España"), ("Zaragoza", "Spain", "España"),
    ("Berlin", "Germany", "Alemania"), ("Dublin", "Ireland", "Irlanda"),
    ("Manchester", "United Kingdom", "Reino Unido"), ("Porto", "Portugal", "Portugal"),
    ("Montevideo", "Uruguay", "Uruguay"), ("Toronto", "Canada", "Canadá"),
    ("Rosario", "Argentina", "Argentina"), ("Medellín", "Colombia", "Colombia"),
    ("Rotterdam", "Netherlands", "Países Bajos"), ("Austin", "United States", "Estados Unidos"),
]  # fmt: skip
COMPANY_HEADS = (
    "Northwind Bluefin Halcyon Tidewater Lumen Corvid Ferrovia Marisma Altamira Quarry "
    "Brightloom Copperleaf Kestrel Solano Vireo Orbital Granite Nimbus Pinecrest Estuary "
    "Redwater Zafiro Cierzo Levante Albatross Meridian Ironbark Sable Aurora Tesela".split()
)
COMPANY_TAILS = (
    "Analytics Logistics Labs Systems Health Robotics Payments Energy Software Media "
    "Insurance Mobility Retail Bank Studio".split()
)
SCHOOLS = [
    ("University of Granada", "Universidad de Granada", "Granada"),
    ("Technical University of Madrid", "Universidad Politécnica de Madrid", "Madrid"),
    ("University of Valencia", "Universitat de València", "Valencia"),
    ("University of Edinburgh", "Universidad de Edimburgo", "Edinburgh"),
    ("Delft University of Technology", "Universidad Tecnológica de Delft", "Delft"),
    ("University of Buenos Aires", "Universidad de Buenos Aires", "Buenos Aires"),
    ("University of Salamanca", "Universidad de Salamanca", "Salamanca"),
    ("Trinity College Dublin", "Trinity College Dublin", "Dublin"),
    ("University of Seville", "Universidad de Sevilla", "Sevilla"),
    ("TU Munich", "Universidad Técnica de Múnich", "Munich"),
]
# (level, English, Spanish)
DEGREES = {
    "bachelor": [
        ("BSc in Computer Science", "Grado en Ingeniería Informática"),
        ("BSc in Mathematics", "Grado en Matemáticas"),
        ("BEng in Telecommunications", "Grado en Ingeniería de Telecomunicación"),
        ("BA in Economics", "Grado en Economía"),
        ("BSc in Physics", "Grado en Física"),
    ],
    "master": [
        ("MSc in Data Science", "Máster en Ciencia de Datos"),
        ("MSc in Artificial Intelligence", "Máster en Inteligencia Artificial"),
        ("MSc in Distributed Systems", "Máster en Sistemas Distribuidos"),
        ("MSc in Cybersecurity", "Máster en Ciberseguridad"),
    ],
    "phd": [
        ("PhD in Computer Science", "Doctorado en Informática"),
        ("PhD in Applied Mathematics", "Doctorado en Matemática Aplicada"),
    ],
}
THESES = [
    ("anomaly detection in smart electricity meters", "detección de anomalías en contadores eléctricos inteligentes"),
    ("graph neural networks for fraud detection", "redes neuronales de grafos para la detección de fraude"),
    ("energy-aware scheduling of container workloads", "planificación de contenedores según su consumo energético"),
    ("privacy-preserving record linkage", "enlace de registros con preservación de la privacidad"),
    ("forecasting bike-sharing demand with weather data", "predicción de la demanda de bicicletas compartidas con datos meteorológicos"),
    ("consensus protocols for edge devices", "protocolos de consenso para dispositivos en el borde"),
    ("speech recognition for low-resource languages", "reconocimiento de voz para lenguas con pocos recursos"),
]  # fmt: skip
HONOURS = [
    ("First-Class Honours", "Matrícula de Honor"),
    ("graduated cum laude", "graduada cum laude"),
    ("Dean's List every year", "Premio Extraordinario de Grado"),
]
# (English, Spanish masculine, Spanish feminine), junior to senior.
TITLES = [
    [("Software Engineering Intern", "Becario de ingeniería de software", "Becaria de ingeniería de software"),
     ("Data Analyst Intern", "Becario de análisis de datos", "Becaria de análisis de datos")],
    [("Junior Developer", "Desarrollador júnior", "Desarrolladora júnior"),
     ("Data Analyst", "Analista de datos", "Analista de datos"),
     ("QA Engineer", "Ingeniero de QA", "Ingeniera de QA")],
    [("Backend Developer", "Desarrollador backend", "Desarrolladora backend"),
     ("Data Engineer", "Ingeniero de datos", "Ingeniera de datos"),
     ("DevOps Engineer", "Ingeniero DevOps", "Ingeniera DevOps"),
     ("Frontend Developer", "Desarrollador frontend", "Desarrolladora frontend")],
    [("Senior Software Engineer", "Ingeniero de software sénior", "Ingeniera de software sénior"),
     ("Machine Learning Engineer", "Ingeniero de machine learning", "Ingeniera de machine learning"),
     ("Site Reliability Engineer", "Ingeniero de fiabilidad", "Ingeniera de fiabilidad")],
    [("Technical Lead", "Líder técnico", "Líder técnica"),
     ("Engineering Manager", "Responsable de ingeniería", "Responsable de ingeniería"),
     ("Staff Engineer", "Ingeniero principal", "Ingeniera principal")],
]  # fmt: skip
SKILLS = (
    "Python Go Java TypeScript Rust Kotlin Scala React Django FastAPI Spring PostgreSQL "
    "MongoDB Kafka Docker Kubernetes Terraform Airflow Spark dbt Redis GraphQL Elasticsearch "
    "Grafana Prometheus Figma PyTorch".split()
)
# Skills named after a company: asking about working *at* them is a false premise.
COMPANY_SKILLS = [("Salesforce", "Salesforce"), ("Oracle Database", "Oracle"),
                  ("Tableau", "Tableau"), ("SAP HANA", "SAP")]  # fmt: skip
# (name, company it names or "", is cloud, short name)
CERTIFICATIONS = [
    ("Google Cloud Professional Data Engineer", "Google", True, "Professional Data Engineer"),
    ("Microsoft Certified: Azure Developer Associate", "Microsoft", True, "Azure Developer Associate"),
    ("AWS Certified Solutions Architect – Associate", "Amazon", True, "Solutions Architect"),
    ("Oracle Certified Professional: Java SE 17 Developer", "Oracle", False, "Java SE 17 Developer"),
    ("Cisco Certified Network Associate (CCNA)", "Cisco", False, "CCNA"),
    ("Red Hat Certified Engineer (RHCE)", "Red Hat", False, "RHCE"),
    ("Certified Kubernetes Administrator (CKA)", "", False, "Certified Kubernetes Administrator"),
    ("Professional Scrum Master I (PSM I)", "", False, "Professional Scrum Master"),
    ("HashiCorp Certified: Terraform Associate", "HashiCorp", False, "Terraform Associate"),
]  # fmt: skip
LANGUAGES = [("Spanish", "Español"), ("English", "Inglés"), ("German", "Alemán"),
             ("French", "Francés"), ("Portuguese", "Portugués"), ("Italian", "Italiano"),
             ("Catalan", "Catalán"), ("Japanese", "Japonés")]  # fmt: skip
LEVELS = ["B1", "B2", "C1", "C2"]
PROJECT_NAMES = (
    "tidepool ledgerlite quillmark routewise sparrowdb kelpie-cli mapleflow driftnote "
    "pantry-api hopscotch-ui stormcast fernet-vault".split()
)
PROJECT_KINDS = [
    ("a command-line tool that audits cloud costs", "una herramienta de línea de comandos que audita costes de nube"),
    ("a library for parsing bank statements", "una librería para leer extractos bancarios"),
    ("a self-hosted note-taking app", "una aplicación de notas autoalojada"),
    ("an open-source route planner for cyclists", "un planificador de rutas de código abierto para ciclistas"),
    ("a dashboard for air-quality sensors", "un panel para sensores de calidad del aire"),
    ("a chatbot that answers questions about train timetables using LLMs", "un chatbot que responde preguntas sobre horarios de tren con LLMs"),
]  # fmt: skip
AWARDS = [
    ("Employee of the Year", "Empleada del año", "Empleado del año"),
    ("Best Paper Award at the Data Engineering Summit", "Premio al mejor artículo en el Data Engineering Summit", None),
    ("First prize, HackUPC hackathon", "Primer premio, hackathon HackUPC", None),
    ("Innovation Award", "Premio a la innovación", None),
]  # fmt: skip
VOLUNTEER_ORGS = ["Code Club", "Cruz Roja", "Banco de Alimentos", "Women Who Code", "CoderDojo"]

MONTHS = {
    "en": "January February March April May June July August September October November December".split(),
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre".split(),
}  # fmt: skip
SHORT_MONTHS = {
    "en": "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split(),
    "es": "ene. feb. mar. abr. may. jun. jul. ago. sept. oct. nov. dic.".split(),
}
# How people write a month and year, per document language; and "up to now".
DATE_STYLES = {"en": ["long", "numeric", "iso", "short"], "es": ["long", "numeric", "iso", "short"]}
PRESENT = {"en": ["Present", "Present", "present"], "es": ["actualidad", "Actualidad", "hoy"]}
CURRENT_YEAR = 2026


def format_point(point, style, lang) -> str:
    year, month = point
    if month is None:
        return str(year)
    return {
        "long": f"{MONTHS[lang][month - 1].capitalize() if lang == 'en' else MONTHS[lang][month - 1]} {year}",
        "numeric": f"{month:02d}/{year}",
        "iso": f"{year}-{month:02d}",
        "short": f"{SHORT_MONTHS[lang][month - 1]} {year}",
    }[style]


@dataclass
class Bullet:
    en: str
    es: str
    # Question paraphrases (English, Spanish) and the number they expect, or none.
    ask_en: list[str] = field(default_factory=list)
    ask_es: list[str] = field(default_factory=list)
    number: str = ""


@dataclass
class Entry:
    kind: str  # job, degree, volunteer, project
    title: str
    org: str
    place: str
    start: tuple | None
    end: tuple | None  # None: ongoing
    bullets: list[Bullet] = field(default_factory=list)
    # Degrees: level, thesis (text in the document's language), honours.
    level: str = ""
    thesis: str = ""
    honours: str = ""
    tech: list[str] = field(default_factory=list)
    description: str = ""
    # The title in both languages, so a question can name it in its own.
    titles: dict = field(default_factory=dict)


@dataclass
class CVFacts:
    seed: int
    lang: str
    gender: str
    name: str
    city: str
    country: str
    email: str
    phone: str
    github: str
    linkedin: str
    website: str
    date_style: str
    present: str
    years_experience: int
    jobs: list[Entry]
    degrees: list[Entry]
    skills: list[str]
    company_skill: tuple[str, str]
    certifications: list[tuple]  # (name, company, cloud, short, year)
    # (name in the document's language, level, English name, Spanish name)
    languages: list[tuple[str, str, str, str]]
    projects: list[Entry]
    volunteering: list[Entry]
    awards: list[tuple[str, int]]
    # Names, skills, degrees and companies that are NOT in the CV, for traps.
    absent_skills: list[str]
    absent_companies: list[str]
    absent_language: tuple[str, str]  # (English, Spanish)

    @property
    def first(self) -> str:
        return self.name.split()[0]

    def date(self, point) -> str:
        return format_point(point, self.date_style, self.lang) if point else self.present

    def span(self, entry) -> str:
        return f"{self.date(entry.start)} – {self.date(entry.end)}"


def _numbered_bullets(rng, lang, gender, heldout=False):
    """Bullets with a number in them, each with the questions that ask for it."""
    n = rng.randint
    a = "a" if gender == "f" else "o"
    pool = [
        (f"Supervised {(k := n(3, 9))} interns during the summer programme.",
         f"Supervisó a {k} becarios durante el programa de verano.",
         ["How many interns did {p} supervise?", "How many interns did {p} mentor?"],
         ["¿Cuántos becarios supervisó?", "¿A cuántos becarios supervisó {p}?"], str(k)),
        (f"Cut deployment time by {(k := n(20, 70))}% by moving builds to GitHub Actions.",
         f"Redujo el tiempo de despliegue un {k} % al migrar las compilaciones a GitHub Actions.",
         ["By how much did {p} cut deployment time?", "How much faster did deployments get?"],
         ["¿Cuánto redujo el tiempo de despliegue?", "¿En qué porcentaje bajó el tiempo de despliegue?"], f"{k}%"),
        (f"Increased checkout conversion by {(k := n(5, 25))}% through A/B tests on the payment flow.",
         f"Aumentó la conversión del proceso de pago un {k} % con pruebas A/B.",
         ["By how much did {p} increase conversion?", "How much did the checkout conversion grow?"],
         ["¿Cuánto aumentó la conversión?", "¿En qué porcentaje subió la conversión del pago?"], f"{k}%"),
        (f"Migrated {(k := n(12, 160))} microservices to Kubernetes without downtime.",
         f"Migró {k} microservicios a Kubernetes sin tiempo de inactividad.",
         ["How many microservices did {p} migrate?", "How many services were moved to Kubernetes?"],
         ["¿Cuántos microservicios migró?", "¿Cuántos servicios pasó a Kubernetes?"], str(k)),
        (f"Led a team of {(k := n(4, 14))} engineers across two time zones.",
         f"Dirigió un equipo de {k} ingenieros en dos husos horarios.",
         ["How many engineers did {p} lead?", "How big was the team {p} led?"],
         ["¿Cuántos ingenieros dirigió?", "¿De cuántas personas era el equipo que dirigió?"], str(k)),
        (f"Onboarded {(k := n(15, 90))} enterprise customers to the new public API.",
         f"Incorporó {k} clientes corporativos a la nueva API pública.",
         ["How many enterprise customers did {p} onboard?", "How many corporate clients moved to the new API?"],
         ["¿Cuántos clientes corporativos incorporó?", "¿Cuántos clientes pasaron a la nueva API?"], str(k)),
        (f"Saved {(k := n(40, 400))} thousand euros a year by rightsizing cloud instances.",
         f"Ahorró {k} mil euros al año ajustando las instancias en la nube.",
         ["How much money did {p} save on cloud costs?", "How much did rightsizing the cloud instances save?"],
         ["¿Cuánto dinero ahorró en costes de nube?", "¿Cuánto ahorró ajustando las instancias?"], str(k)),
        (f"Reduced API latency by {(k := n(15, 60))}% with a caching layer in Redis.",
         f"Redujo la latencia de la API un {k} % con una capa de caché en Redis.",
         ["By how much did {p} reduce API latency?", "How much lower did the API latency get?"],
         ["¿Cuánto redujo la latencia de la API?", "¿En qué porcentaje bajó la latencia?"], f"{k}%"),
        (f"Raised test coverage from {n(20, 45)}% to {(k := n(75, 95))}%.",
         f"Subió la cobertura de tests del {n(20, 45)} % al {k} %.",
         ["What test coverage did {p} reach?", "Up to what percentage did test coverage rise?"],
         ["¿Qué cobertura de tests alcanzó?", "¿Hasta qué porcentaje subió la cobertura de tests?"], f"{k}%"),
        (f"Built {(k := n(6, 40))} dashboards used by the sales and finance teams.",
         f"Creó {k} cuadros de mando usados por los equipos de ventas y finanzas.",
         ["How many dashboards did {p} build?", "How many dashboards did {p} create for sales and finance?"],
         ["¿Cuántos cuadros de mando creó?", "¿Cuántos paneles hizo para ventas y finanzas?"], str(k)),
        (f"Resolved over {(k := n(120, 600))} support tickets a month.",
         f"Resolvió más de {k} incidencias de soporte al mes.",
         ["How many support tickets did {p} resolve a month?", "How many tickets a month did {p} close?"],
         ["¿Cuántas incidencias de soporte resolvía al mes?", "¿Cuántas incidencias cerraba al mes?"], str(k)),
        (f"Processed {(k := n(2, 90))} million events a day in the streaming pipeline.",
         f"Procesó {k} millones de eventos al día en la plataforma de streaming.",
         ["How many events a day did the pipeline process?", "How many million events did the streaming pipeline handle daily?"],
         ["¿Cuántos eventos al día procesaba?", "¿Cuántos millones de eventos diarios procesaba la plataforma?"], str(k)),
        (f"Interviewed and hired {(k := n(5, 30))} engineers.",
         f"Entrevistó y contrató a {k} ingenieros.",
         ["How many engineers did {p} hire?", "How many people did {p} recruit?"],
         ["¿A cuántos ingenieros contrató?", "¿Cuántas personas contrató?"], str(k)),
        (f"Shipped {(k := n(10, 60))} releases of the mobile app.",
         f"Publicó {k} versiones de la app móvil.",
         ["How many releases of the mobile app did {p} ship?", "How many app versions did {p} publish?"],
         ["¿Cuántas versiones de la app móvil publicó?", "¿Cuántas versiones de la app sacó?"], str(k)),
    ]  # fmt: skip
    del a
    if heldout:
        pool += [
            (f"Mentored {(k := n(3, 12))} junior developers through their first year.",
             f"Tutorizó a {k} desarrolladores júnior durante su primer año.",
             ["How many junior developers did {p} mentor?", "How many juniors did {p} coach?"],
             ["¿A cuántos desarrolladores júnior tutorizó?", "¿Cuántos júniors tuvo a su cargo como mentor?"], str(k)),
            (f"Reduced infrastructure incidents by {(k := n(20, 80))}% after introducing SLOs.",
             f"Redujo las incidencias de infraestructura un {k} % tras introducir SLO.",
             ["By how much did {p} reduce infrastructure incidents?", "How much did the incidents drop after the SLOs?"],
             ["¿Cuánto redujo las incidencias de infraestructura?", "¿En qué porcentaje bajaron las incidencias?"], f"{k}%"),
            (f"Grew the engineering newsletter to {(k := n(2, 40))} thousand subscribers.",
             f"Hizo crecer la newsletter de ingeniería hasta {k} mil suscriptores.",
             ["How many subscribers did the newsletter reach?", "How big did {p} grow the newsletter?"],
             ["¿Cuántos suscriptores alcanzó la newsletter?", "¿Hasta cuántos suscriptores creció la newsletter?"], str(k)),
            (f"Translated the product into {(k := n(4, 19))} languages.",
             f"Tradujo el producto a {k} idiomas.",
             ["Into how many languages was the product translated?", "How many languages did {p} localise the product into?"],
             ["¿A cuántos idiomas tradujo el producto?", "¿En cuántos idiomas quedó traducido el producto?"], str(k)),
        ]  # fmt: skip
    rng.shuffle(pool)
    return [Bullet(en, es, qe, qs, number) for en, es, qe, qs, number in pool]


_PLAIN_BULLETS = [
    ("Designed the event-driven architecture of the billing platform.",
     "Diseñó la arquitectura orientada a eventos de la plataforma de facturación."),
    ("Introduced code review guidelines and an on-call rotation.",
     "Introdujo guías de revisión de código y guardias rotativas."),
    ("Wrote the data contracts between the product and analytics teams.",
     "Redactó los contratos de datos entre los equipos de producto y analítica."),
    ("Maintained the internal design system used by every web team.",
     "Mantuvo el sistema de diseño interno que usan todos los equipos web."),
    ("Automated the monthly financial reports with Airflow.",
     "Automatizó los informes financieros mensuales con Airflow."),
    ("Ran workshops on secure coding for new hires.",
     "Impartió talleres de programación segura para nuevas incorporaciones."),
]  # fmt: skip


def _months_back(point, months):
    year, month = point
    index = year * 12 + (month - 1) - months
    return (index // 12, index % 12 + 1)


def _jobs(rng, lang, gender, count, companies, bullets, end_point, most=2):
    """`count` jobs, newest first, the newest ongoing, each with 1-3 bullets."""
    jobs = []
    end = None
    cursor = end_point
    levels = sorted(rng.sample(range(len(TITLES)), k=min(count, len(TITLES))), reverse=True)
    while len(levels) < count:
        levels.append(levels[-1])
    used_titles = set()
    plain = list(_PLAIN_BULLETS)
    rng.shuffle(plain)
    for index in range(count):
        length = rng.randint(10, 40)
        start = _months_back(cursor, length)
        # Never the same title twice: "where did she work as X?" has one answer.
        options = (
            [t for t in TITLES[levels[index]] if t[0] not in used_titles]
            or [
                t for level in TITLES[: levels[index] + 1] for t in level if t[0] not in used_titles
            ]
            or [t for level in TITLES for t in level if t[0] not in used_titles]
        )
        title = rng.choice(options)
        used_titles.add(title[0])
        shown = title[0] if lang == "en" else (title[2] if gender == "f" else title[1])
        own = [bullets.pop() for _ in range(rng.randint(1, most)) if bullets]
        if plain and rng.random() < (0.9 if most > 2 else 0.6):
            en, es = plain.pop()
            own.insert(rng.randint(0, len(own)), Bullet(en, es))
        company, city = companies[index]
        titles = {"en": title[0], "es": title[2] if gender == "f" else title[1]}
        jobs.append(Entry("job", shown, company, city, start, end, own, titles=titles))
        end = _months_back(start, rng.randint(1, 3))
        cursor = end
    return jobs


def _volunteering(rng, lang, gender, cities) -> list[Entry]:
    """Most CVs have one volunteering entry, with a numbered bullet of its own."""
    if rng.random() >= 0.7:
        return []
    org = f"{rng.choice(VOLUNTEER_ORGS)} {rng.choice(cities)}"
    k = rng.randint(8, 60)
    bullet = Bullet(
        f"Taught programming to {k} children on Saturday mornings.",
        f"Enseñó programación a {k} niños los sábados por la mañana.",
        ["How many children did {p} teach as a volunteer?", "How many kids did {p} teach programming to?"],
        ["¿A cuántos niños enseñó programación?", "¿Cuántos niños tuvo en el voluntariado?"],
        str(k),
    )  # fmt: skip
    role = ("Volunteer mentor", "Mentora voluntaria" if gender == "f" else "Mentor voluntario")
    start = (rng.randint(2015, 2021), rng.randint(1, 12))
    end = None if rng.random() < 0.5 else (start[0] + rng.randint(1, 3), rng.randint(1, 12))
    return [Entry("volunteer", role[0] if lang == "en" else role[1], org, "", start, end, [bullet])]


def _degrees(rng, lang, first_job_start) -> list[Entry]:
    """A bachelor's, often a master's, sometimes a PhD, ending before the first job;
    newest first."""
    degrees = []
    levels = ["bachelor"] + (["master"] if rng.random() < 0.75 else [])
    if "master" in levels and rng.random() < 0.2:
        levels.append("phd")
    schools = rng.sample(SCHOOLS, len(levels))
    year = first_job_start[0] - 1 - 2 * (len(levels) - 1) - (len(levels) > 2)
    start_year = year - 4
    theses = rng.sample(THESES, len(levels))
    for level, school, thesis in zip(levels, schools, theses, strict=True):
        en, es = rng.choice(DEGREES[level])
        length = {"bachelor": 4, "master": 1, "phd": 3}[level]
        end_year = start_year + length
        monthly = rng.random() < 0.4
        start = (start_year, 9) if monthly else (start_year, None)
        end = (end_year, 6) if monthly else (end_year, None)
        entry = Entry(
            "degree", en if lang == "en" else es, school[0] if lang == "en" else school[1],
            school[2], start, end, level=level,
        )  # fmt: skip
        if level != "bachelor" or rng.random() < 0.3:
            entry.thesis = thesis[0] if lang == "en" else thesis[1]
        # One honoured degree at most: "with what distinction did she graduate?" has
        # one answer.
        if not any(d.honours for d in degrees) and rng.random() < 0.4:
            honour = rng.choice(HONOURS)
            entry.honours = honour[0] if lang == "en" else honour[1]
        degrees.append(entry)
        start_year = end_year
    return degrees[::-1]


def _skills_and_certifications(rng, jobs):
    """(skills, the skill named after a company, skills not listed, certifications
    with their year, companies named nowhere)."""
    skills = rng.sample(SKILLS, rng.randint(7, 10))
    company_skill = rng.choice(COMPANY_SKILLS)
    skills.insert(rng.randint(1, len(skills)), company_skill[0])
    absent_skills = [s for s in SKILLS if s not in skills]
    rng.shuffle(absent_skills)
    certs = rng.sample(CERTIFICATIONS, rng.randint(2, 3))
    if not any(c[1] for c in certs):
        certs[0] = rng.choice([c for c in CERTIFICATIONS if c[1]])
    certifications = [(*c, rng.randint(2016, CURRENT_YEAR - 1)) for c in certs]
    # "Does she know X?" is unanswerable only if X is nowhere: not in a certification's
    # name ("Terraform Associate") nor in a bullet ("migrated ... to Kubernetes").
    written = " ".join(
        [c[0] for c in certs] + [t for j in jobs for b in j.bullets for t in (b.en, b.es)]
    )
    absent_skills = [s for s in absent_skills if s.lower() not in written.lower()]
    employers = {j.org.split()[0] for j in jobs}
    absent_companies = [c for c in ("Google", "Amazon", "Spotify", "Booking.com", "Siemens")
                        if c not in employers]  # fmt: skip
    rng.shuffle(absent_companies)
    return skills, company_skill, absent_skills[:3], certifications, absent_companies


def _languages(rng, lang, gender):
    """(languages with levels, a language the CV does not list)."""
    native = LANGUAGES[0] if lang == "es" or rng.random() < 0.4 else rng.choice(LANGUAGES[1:])
    others = rng.sample([item for item in LANGUAGES if item != native], rng.randint(1, 3))
    if LANGUAGES[1] not in others and native != LANGUAGES[1]:
        others[0] = LANGUAGES[1]
    native_word = ("native", "nativo" if gender == "m" else "nativa")
    pick = 0 if lang == "en" else 1
    languages = [(native[pick], native_word[pick], *native)]
    languages += [(o[pick], rng.choice(LEVELS), *o) for o in others]
    absent = next(item for item in LANGUAGES[2:] if item != native and item not in others)
    return languages, absent


def _projects(rng, lang, skills, company_skill) -> list[Entry]:
    """One or two side projects: what they are, what they are built with, their stars."""
    projects = []
    for pname, kind in zip(
        rng.sample(PROJECT_NAMES, rng.randint(1, 2)), rng.sample(PROJECT_KINDS, 2), strict=False
    ):
        stars = rng.randint(40, 2500)
        tech = rng.sample([s for s in skills if s != company_skill[0]][:6], 2)
        description = kind[0] if lang == "en" else kind[1]
        text = (
            f"{description[0].upper()}{description[1:]}, built with {tech[0]} and {tech[1]}."
            if lang == "en"
            else f"{description[0].upper()}{description[1:]}. Tecnologías: {tech[0]} y {tech[1]}."
        )
        stars_line = Bullet(
            f"{stars} stars on GitHub.", f"{stars} estrellas en GitHub.",
            ["How many stars does {project} have on GitHub?", "How popular is {project} on GitHub?"],
            ["¿Cuántas estrellas tiene {project} en GitHub?", "¿Qué popularidad tiene {project} en GitHub?"],
            str(stars),
        )  # fmt: skip
        projects.append(
            Entry("project", pname, "", "", None, None, [Bullet(text, text), stars_line],
                  tech=tech, description=description)
        )  # fmt: skip
    return projects


def _awards(rng, lang, gender, jobs) -> list[tuple[str, int]]:
    awards = []
    # One award a year: "which award did she win in 2019?" has one answer.
    award_years = rng.sample(range(2015, CURRENT_YEAR), 2)
    for award, year in zip(rng.sample(AWARDS, rng.randint(1, 2)), award_years, strict=False):
        if lang == "en":
            title = award[0]
        else:
            title = award[1] if gender == "f" or award[2] is None else award[2]
        if award[0] == "Employee of the Year":
            title = f"{title}, {jobs[rng.randrange(len(jobs))].org}"
        awards.append((title, year))
    return awards


def generate(seed: int, *, lang: str, long: bool = False, heldout: bool = False) -> CVFacts:
    """The facts of one CV. `heldout` (the test split) adds bullets the tuning split
    never has, so a rule written for the tuning sentences does not carry over by rote."""
    rng = random.Random(seed)
    gender = rng.choice("fm")
    name = f"{rng.choice(FIRST_NAMES[gender])} {rng.choice(SURNAMES)}"
    if rng.random() < 0.5:
        name = f"{name} {rng.choice(SURNAMES)}"
    city, country_en, country_es = rng.choice(CITIES)
    handle = name.split()[0][0].lower() + name.split()[1].lower()
    handle = handle.translate(str.maketrans("áéíóúñ", "aeioun"))
    cities = [c[0] for c in CITIES]
    heads = rng.sample(COMPANY_HEADS, 8)
    companies = [(f"{h} {rng.choice(COMPANY_TAILS)}", rng.choice(cities)) for h in heads]
    job_count = rng.randint(6, 7) if long else rng.randint(3, 4)
    bullets = _numbered_bullets(rng, lang, gender, heldout)
    end_point = (CURRENT_YEAR - rng.randint(0, 1), rng.randint(1, 12))
    jobs = _jobs(rng, lang, gender, job_count, companies, bullets, end_point, 3 if long else 2)
    volunteering = _volunteering(rng, lang, gender, cities)
    degrees = _degrees(rng, lang, jobs[-1].start)
    skills, company_skill, absent_skills, certifications, absent_companies = (
        _skills_and_certifications(rng, jobs)
    )
    languages, absent_language = _languages(rng, lang, gender)
    projects = _projects(rng, lang, skills, company_skill)
    awards = _awards(rng, lang, gender, jobs)
    return CVFacts(
        seed=seed, lang=lang, gender=gender, name=name, city=city,
        country=country_en if lang == "en" else country_es,
        email=f"{handle}@example.{rng.choice(['com', 'net', 'org', 'es'])}",
        phone=f"+34 6{rng.randint(10, 99)} {rng.randint(100, 999)} {rng.randint(100, 999)}",
        github=f"github.com/{handle}", linkedin=f"linkedin.com/in/{handle}",
        website=f"{handle}.dev", date_style=rng.choice(DATE_STYLES[lang]),
        present=rng.choice(PRESENT[lang]), years_experience=end_point[0] - jobs[-1].start[0],
        jobs=jobs, degrees=degrees, skills=skills, company_skill=company_skill,
        certifications=certifications, languages=languages, projects=projects,
        volunteering=volunteering, awards=awards, absent_skills=absent_skills,
        absent_companies=absent_companies, absent_language=absent_language,
    )  # fmt: skip
