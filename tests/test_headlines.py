"""The article's headline stays on full news pages in every script: the page title found
again at the headline (``Headline - Site``), what stands above it goes (the title line and
the menu), and so do the byline and the date below it; an end marker over sentences only is
a subheading inside the article, not the start of a feed or a form (issue 10, item 4)."""

from __future__ import annotations

import pytest

from cleaner.api import Cleaner

# (language, site separator, menu, headline, byline, date, body paragraphs)
PAGES = [
    (
        "fr",
        " - ",
        ["Accueil", "Actualités", "Sport"],
        "Le conseil municipal adopte le budget 2025",
        "Par Julien Moreau",
        "Publié le 12 mars 2024 à 09h14",
        [
            "Le conseil municipal a adopté lundi soir le budget de l'année prochaine après un "
            "débat de plus de six heures, l'opposition votant contre.",
            "Le maire a expliqué que la lettre d'information envoyée aux habitants en janvier "
            "avait suscité des centaines de réponses.",
        ],
    ),
    (
        "pt",
        " - ",
        ["Início", "Notícias", "Desporto"],
        "Câmara aprova orçamento para 2025",
        "Por Ana Sousa",
        "12/03/2024 09h14",
        [
            "A câmara municipal aprovou na segunda-feira à noite o orçamento do próximo ano "
            "depois de um debate de mais de seis horas, com os votos contra da oposição.",
            "O presidente da câmara explicou que a carta enviada aos moradores em janeiro "
            "recebeu centenas de respostas e de sugestões.",
        ],
    ),
    (
        "ru",
        " — ",
        ["Главная", "Новости", "Спорт"],
        "Горсовет утвердил бюджет на 2025 год",
        "Автор: Ирина Петрова",
        "12 марта 2024, 09:14",
        [
            "Городской совет в понедельник вечером утвердил бюджет на следующий год после "
            "дебатов, которые длились больше шести часов, оппозиция голосовала против.",
            "Мэр рассказал, что письмо, которое разослали жителям в январе, получило сотни "
            "ответов и предложений от горожан.",
        ],
    ),
    (
        "uk",
        " — ",
        ["Головна", "Новини", "Спорт"],
        "Міськрада ухвалила бюджет на 2025 рік",
        "Автор: Олена Коваль",
        "12 березня 2024, 09:14",
        [
            "Міська рада в понеділок увечері ухвалила бюджет на наступний рік після дебатів, "
            "які тривали понад шість годин, а опозиція голосувала проти.",
            "Міський голова розповів, що лист, який розіслали мешканцям у січні, отримав "
            "сотні відповідей і пропозицій від містян.",
        ],
    ),
    (
        "ar",
        " - ",
        ["الرئيسية", "أخبار", "رياضة"],
        "المجلس البلدي يقر ميزانية 2025",
        "بقلم: سارة حداد",
        "12 مارس 2024، 09:14",
        [
            "أقر المجلس البلدي مساء الاثنين ميزانية العام المقبل بعد نقاش استمر أكثر من ست "
            "ساعات، وصوتت المعارضة ضدها في نهاية الجلسة.",
            "وقال رئيس البلدية إن الرسالة التي أرسلت إلى السكان في يناير تلقت مئات الردود "
            "من أهالي المدينة.",
        ],
    ),
    (
        "ko",
        " - ",
        ["홈", "뉴스", "스포츠"],
        "시의회, 2025년 예산안 통과",
        "김민지 기자",
        "입력 2024.03.12 09:14",
        [
            "시의회는 월요일 저녁 여섯 시간이 넘는 토론 끝에 내년도 예산안을 통과시켰으며 "
            "야당은 반대표를 던졌다고 밝혔다.",
            "시장은 1월에 주민들에게 보낸 안내문에 수백 건의 답장이 왔다고 설명했다.",
        ],
    ),
    (
        "ja",
        " - ",
        ["ホーム", "ニュース", "スポーツ"],
        "市議会、2025年度予算を可決",
        "記者：山田花子",
        "2024年3月12日 09:14",
        [
            "市議会は月曜日の夜、六時間を超える議論の末に来年度の予算案を賛成多数で可決し、"
            "野党は反対した。",
            "市長は、一月に住民に送った案内に数百件の返事が寄せられたと説明した。",
        ],
    ),
    (
        "zh",
        " - ",
        ["首页", "新闻", "体育"],
        "市议会通过2025年预算案",
        "记者：王小明",
        "2024-03-12 09:14",
        [
            "市议会周一晚间在经过六个多小时的辩论之后，以多数票通过了明年的财政预算案，"
            "反对派投了反对票。",
            "市长表示，一月份寄给居民的通知收到了数百份回复和建议。",
        ],
    ),
    (
        "tr",
        " - ",
        ["Anasayfa", "Gündem", "Spor"],
        "Belediye meclisi 2025 bütçesini kabul etti",
        "Yazar: Ayşe Yılmaz",
        "12 Mart 2024, 09:14",
        [
            "Belediye meclisi pazartesi akşamı altı saatten uzun süren tartışmanın ardından "
            "gelecek yılın bütçesini kabul etti ve muhalefet buna karşı oy verdi.",
            "Başkan, ocak ayında sakinlere gönderilen mektubun yüzlerce yanıt aldığını ve "
            "bunların hepsinin okunduğunu söyledi.",
        ],
    ),
    (
        "id",
        " - ",
        ["Beranda", "Berita", "Olahraga"],
        "DPRD kota sahkan anggaran 2025",
        "Penulis: Budi Santoso",
        "12 Maret 2024, 09:14",
        [
            "DPRD kota pada Senin malam mengesahkan anggaran tahun depan setelah perdebatan "
            "yang berlangsung lebih dari enam jam, dan pihak oposisi menolak anggaran itu.",
            "Wali kota mengatakan bahwa surat yang dikirim kepada warga pada bulan Januari "
            "mendapat ratusan balasan dari warga kota.",
        ],
    ),
    (
        "en",
        " | ",
        ["Home", "News", "Sport"],
        "Harbour town votes to ban cruise ships in 2025",
        "By Sarah Jennings",
        "Published 12 March 2024, 09:14",
        [
            "The town council voted on Monday night to ban cruise ships from the harbour "
            "from next year, after a debate that lasted more than six hours.",
            "The mayor said that the letter sent to residents in January had brought in "
            "hundreds of replies, most of them in favour of the ban.",
        ],
    ),
    (
        "it",
        " - ",
        ["Home", "Cronaca", "Sport"],
        "Il consiglio comunale approva il bilancio 2025",
        "di Marco Rossi",
        "12 marzo 2024 09:14",
        [
            "Il consiglio comunale ha approvato lunedì sera il bilancio del "
            "prossimo anno dopo un dibattito di oltre sei ore, con il voto "
            "contrario dell'opposizione.",
            "Il sindaco ha spiegato che la lettera inviata ai cittadini a gennaio "
            "ha ricevuto centinaia di risposte e di proposte.",
        ],
    ),
    (
        "de",
        " | ",
        ["Startseite", "Nachrichten", "Sport"],
        "Stadtrat beschließt Haushalt für 2025",
        "Von Katrin Weber",
        "12.03.2024, 09:14 Uhr",
        [
            "Der Stadtrat hat am Montagabend nach einer mehr als sechsstündigen "
            "Debatte den Haushalt für das kommende Jahr beschlossen, die Opposition "
            "stimmte dagegen.",
            "Der Bürgermeister sagte, dass der Brief an die Einwohner im Januar "
            "Hunderte von Antworten und Vorschlägen gebracht habe.",
        ],
    ),
    (
        "es",
        " - ",
        ["Inicio", "Noticias", "Deportes"],
        "El ayuntamiento aprueba el presupuesto de 2025",
        "Por Lucía Fernández",
        "12/03/2024 09:14",
        [
            "El ayuntamiento aprobó el lunes por la noche el presupuesto del "
            "próximo año tras un debate de más de seis horas, con el voto en contra "
            "de la oposición.",
            "El alcalde explicó que la carta enviada a los vecinos en enero recibió "
            "cientos de respuestas y de propuestas.",
        ],
    ),
    (
        "fa",
        " - ",
        ["صفحه اصلی", "اخبار", "ورزش"],
        "شورای شهر بودجه ۱۴۰۴ را تصویب کرد",
        "نویسنده: مریم احمدی",
        "۲۲ اسفند ۱۴۰۲، ۰۹:۱۴",
        [
            "شورای شهر دوشنبه شب پس از بحثی که بیش از شش ساعت طول کشید بودجه سال "
            "آینده را تصویب کرد و مخالفان به آن رأی منفی دادند.",
            "شهردار گفت نامه\u200cای که در دی ماه برای ساکنان فرستاده شد صدها پاسخ و "
            "پیشنهاد از سوی مردم شهر دریافت کرد.",
        ],
    ),
    (
        "hy",
        " - ",
        ["Գլխավոր", "Լուրեր", "Սպորտ"],
        "Ավագանին հաստատեց 2025 թվականի բյուջեն",
        "Հեղինակ՝ Անի Պետրոսյան",
        "12 մարտի 2024, 09:14",
        [
            "Քաղաքի ավագանին երկուշաբթի երեկոյան վեց ժամից ավելի տևած քննարկումից "
            "հետո հաստատեց հաջորդ տարվա բյուջեն, իսկ ընդդիմությունը դեմ քվեարկեց։",
            "Քաղաքապետը ասաց, որ հունվարին բնակիչներին ուղարկված նամակը ստացել է "
            "հարյուրավոր պատասխաններ և առաջարկներ։",
        ],
    ),
    (
        "az",
        " - ",
        ["Əsas səhifə", "Xəbərlər", "İdman"],
        "Bələdiyyə 2025-ci il büdcəsini qəbul etdi",
        "Müəllif: Aysel Məmmədova",
        "12 mart 2024, 09:14",
        [
            "Bələdiyyə şurası bazar ertəsi axşamı altı saatdan çox davam edən "
            "müzakirədən sonra gələn ilin büdcəsini qəbul etdi və müxalifət "
            "əleyhinə səs verdi.",
            "Sədr bildirdi ki, yanvar ayında sakinlərə göndərilən məktuba yüzlərlə "
            "cavab və təklif gəlib və onların hamısı oxunub.",
        ],
    ),
    (
        "ka",
        " - ",
        ["მთავარი", "სიახლეები", "სპორტი"],
        "საკრებულომ 2025 წლის ბიუჯეტი დაამტკიცა",
        "ავტორი: ნინო ბერიძე",
        "12 მარტი 2024, 09:14",
        [
            "ქალაქის საკრებულომ ორშაბათს საღამოს ექვს საათზე მეტხანს გაგრძელებული "
            "კამათის შემდეგ მომავალი წლის ბიუჯეტი დაამტკიცა და ოპოზიციამ წინააღმდეგ "
            "მისცა ხმა.",
            "მერმა თქვა, რომ იანვარში მცხოვრებლებისთვის გაგზავნილ წერილს ასობით "
            "პასუხი და წინადადება მოჰყვა და ყველა მათგანი წაიკითხეს.",
        ],
    ),
    (
        "ja",
        " | ",
        ["ホーム", "ニュース", "スポーツ"],
        "市議会、2025年度予算を可決",
        "文／山田花子",
        "2024年3月12日 09時14分",
        [
            "市議会は月曜日の夜、六時間を超える議論の末に来年度の予算案を賛成多数で可"
            "決し、野党は反対した。",
            "市長は、一月に住民に送った案内に数百件の返事が寄せられたと説明した。",
        ],
    ),
    (
        "zh",
        "_",
        ["首页", "新闻", "体育"],
        "市议会通过2025年预算案",
        "来源：城市日报 作者：王小明",
        "2024年03月12日 09:14",
        [
            "市议会周一晚间在经过六个多小时的辩论之后，以多数票通过了明年的财政预算案"
            "，反对派投了反对票。",
            "市长表示，一月份寄给居民的通知收到了数百份回复和建议。",
        ],
    ),
]


@pytest.fixture(scope="module")
def cleaner() -> Cleaner:
    return Cleaner()


@pytest.mark.parametrize(
    ("language", "separator", "menu", "headline", "byline", "date", "body"),
    PAGES,
    ids=[f"{page[0]}-{n}" for n, page in enumerate(PAGES)],
)
def test_the_headline_stays_and_the_header_goes(
    cleaner: Cleaner,
    language: str,
    separator: str,
    menu: list[str],
    headline: str,
    byline: str,
    date: str,
    body: list[str],
) -> None:
    # The headline holds a number ("... 2025"), and a byline with a stopword reads as no
    # link: the span grows over both, and must still find the page title again there.
    page = "\n".join([f"{headline}{separator}Site News", *menu, headline, byline, date, *body])
    out = cleaner.clean(page + "\n").text.splitlines()
    assert out == [headline, *body], language


# An end marker over sentences only: a subheading, the sentences are the article's.
SUBHEADINGS = [
    (
        "ru",
        "Мэр подвёл итоги года\n"
        "Мэр города на пресс-конференции подвёл итоги уходящего года и рассказал о планах на "
        "следующий год, в том числе о строительстве двух новых школ.\n"
        "Беседовал он с журналистами больше трёх часов, отвечая в том числе на неудобные "
        "вопросы.\nКомментарии\nМэр отказался комментировать слухи о своей отставке.\n"
        "Интервью взяли у него сразу три федеральных канала.\n",
    ),
    (
        "en",
        "Mayor sums up the year\n"
        "The mayor summed up the year at a press conference and spoke about his plans for the "
        "next one, including two new schools in the city.\n"
        "He talked with reporters for more than three hours, answering awkward questions "
        "too.\nComments\nThe mayor declined to comment on rumours of his resignation.\n"
        "Three national channels interviewed him at once.\n",
    ),
    (
        "de",
        "Bürgermeister zieht Bilanz\n"
        "Der Bürgermeister hat auf einer Pressekonferenz Bilanz gezogen und über seine Pläne "
        "für das nächste Jahr gesprochen, darunter zwei neue Schulen.\n"
        "Er sprach mehr als drei Stunden mit den Journalisten und beantwortete auch unbequeme "
        "Fragen.\nKommentare\nZu Gerüchten über seinen Rücktritt wollte sich der Bürgermeister "
        "nicht äußern.\nDrei Sender interviewten ihn gleichzeitig.\n",
    ),
]


@pytest.mark.parametrize(("language", "page"), SUBHEADINGS, ids=[s[0] for s in SUBHEADINGS])
def test_an_end_marker_over_sentences_only_is_a_subheading(
    cleaner: Cleaner, language: str, page: str
) -> None:
    assert cleaner.clean(page).text == page, language


# A comment thread below the same marker still goes: names and dates end no sentence.
THREADS = [
    "Mayor sums up the year\n"
    "The mayor summed up the year at a press conference and spoke about his plans for the "
    "next one, including two new schools in the city.\n"
    "He talked with reporters for more than three hours, answering awkward questions too.\n"
    "Comments\nJohn Miller\n2 days ago\nGreat to hear about the schools.\nReply\n",
]


@pytest.mark.parametrize("page", THREADS)
def test_a_comment_thread_below_the_marker_still_goes(cleaner: Cleaner, page: str) -> None:
    out = cleaner.clean(page).text
    assert "Comments" not in out and "John Miller" not in out


# No page title on line 0: the headline is the title-like line nearest above the body, a
# lead-in ending in a colon ("... writes:") is none (the shape of a Georgian news page).
KA_PAGE = [
    "რეკლამა",
    "კონტაქტი",
    "20:45, ორშაბათი, 9 თებერვალი, 2026",
    "ახალი ამბები",
    "ექსკლუზივი",
    "ბიზნესი",
    "რედაქტორის რჩევით",
    "კონტროლი",
    "გურმანი",
    "სხვადასხვა",
    "არაფერი მოიძებნა",
    "იხილეთ ყველა შედეგი",
    "მთავარი ახალი ამბები",
    "“ის, რომ დღეს ბულვარში სქელტანიანი, მაღალი ხეები შემოგვრჩა კახა მიქაიას დამსახურებაა” – მარიამ სიჭინავა",
    "ალია ავტორი - ალია",
    "22:56 10-21-2025",
    "- ახალი ამბები, მთავარი",
    "A A",
    "0",
    "Facebook-ზე გაზიარება",
    "3,313",
    "სამოქალაქო აქტივისტი მარიამ სიჭინავა სოციალურ ქსელში წერს:",
    "დღეს ის ერთადერთი დღეა, როცა ავადმყოფობის გამო აქციაზე ვერ წავედი და ვერც დაკავებული მეგობრები მოვინახულე.",
    "მაღალი სიცხისგან გონება შეიძლება ცუდად მუშაობდეს და ბევრს ეს პოსტი არ მოეწონოს.",
    "მაგრამ სრულიად ჯანმრთელიც რომ ვყოფილიყავი, იგივეს დავწერდი.",
    "ბულვარის ხეები ათწლეულების წინ დარგეს და მათ მოვლაზე ბევრმა ადამიანმა იზრუნა.",
]


def test_a_lead_in_with_a_colon_is_no_headline(cleaner: Cleaner) -> None:
    out = cleaner.clean("\n".join(KA_PAGE) + "\n").text.splitlines()
    assert out[:3] == [KA_PAGE[13], KA_PAGE[21], KA_PAGE[22]]


# Pages shaped as real news sites write their header, per script (Latin, Cyrillic, Arabic,
# Chinese, Japanese, Korean): the title line's separators (` | `, ` - `, `: `, `_`, `｜`, `<`),
# a kicker or a menu, bylines and datelines in the order and spelling of each (`Par`, `di`,
# `Текст:`, `文／`, `责任编辑：`, `[… 기자]`, `입력`/`수정`, a time before its date). The content
# is made up. What must stay and what must go; a bare name (`Ирина Петрова`) or a source
# before a name (`المدينة - …`) may stay either way.
AR = [
    (
        "أقر المجلس البلدي مساء الاثنين ميزانية العام المقبل بعد نقاش "
        "استمر أكثر من ست ساعات، وصوتت المعارضة ضدها في نهاية الجلسة."
    ),
    (
        "وقال رئيس البلدية إن الرسالة التي أرسلت إلى السكان في يناير "
        "تلقت مئات الردود من أهالي المدينة، وإن المجلس سيدرسها كلها."
    ),
]
KO = [
    "시의회는 월요일 저녁 여섯 시간이 넘는 토론 끝에 내년도 예산안을 통과시켰으며 야당은 반대표를 던졌다고 밝혔다.",
    (
        "시장은 1월에 주민들에게 보낸 안내문에 수백 건의 답장이 왔다고 설명했으며, 의회는 다음 달에 주민 의견을 모아 "
        "새 사업 계획에 반영하기로 하고 관련 위원회를 열 예정이라고 덧붙였다."
    ),
]
FR = [
    (
        "Le conseil municipal a adopté lundi soir le budget de l'année "
        "prochaine après un débat de plus de six heures, l'opposition "
        "votant contre."
    ),
    (
        "Le maire a expliqué que la lettre d'information envoyée aux "
        "habitants en janvier avait suscité des centaines de réponses "
        "et de propositions."
    ),
]
ES = [
    (
        "El ayuntamiento aprobó el lunes por la noche el presupuesto "
        "del próximo año tras un debate de más de seis horas, con el "
        "voto en contra de la oposición."
    ),
    (
        "El alcalde explicó que la carta enviada a los vecinos en enero "
        "recibió cientos de respuestas y de propuestas de los vecinos "
        "del barrio."
    ),
]
IT = [
    (
        "Il consiglio comunale ha approvato lunedì sera il bilancio del "
        "prossimo anno dopo un dibattito di oltre sei ore, con il voto "
        "contrario dell'opposizione."
    ),
    (
        "Il sindaco ha spiegato che la lettera inviata ai cittadini a "
        "gennaio ha ricevuto centinaia di risposte e di proposte da "
        "parte dei residenti."
    ),
]
RU = [
    (
        "Городской совет в понедельник вечером утвердил бюджет на "
        "следующий год после дебатов, которые длились больше шести "
        "часов, оппозиция голосовала против."
    ),
    (
        "Мэр рассказал, что письмо, которое разослали жителям в январе, "
        "получило сотни ответов и предложений от горожан и депутатов."
    ),
]
UK = [
    (
        "Міська рада в понеділок увечері ухвалила бюджет на наступний "
        "рік після дебатів, які тривали понад шість годин, а опозиція "
        "голосувала проти."
    ),
    (
        "Міський голова розповів, що лист, який розіслали мешканцям у "
        "січні, отримав сотні відповідей і пропозицій від містян."
    ),
]
JA = [
    (
        "市議会は月曜日の夜、六時間を超える議論の末に来年度の予算案を賛成多数"
        "で可決し、野党は反対した。"
    ),
    (
        "市長は、一月に住民に送った案内に数百件の返事が寄せられたと説明し、来"
        "月には住民との意見交換会を開く考えを示した。"
    ),
]
ZH = [
    (
        "市议会周一晚间在经过六个多小时的辩论之后，以多数票通过了明年的财政预"
        "算案，反对派投了反对票。"
    ),
    (
        "市长表示，一月份寄给居民的通知收到了数百份回复和建议，市政府将在下个"
        "月举行座谈会听取居民意见。"
    ),
]
REAL_SHAPES = [
    (
        "ar-issue",
        [
            "المجلس البلدي يقر ميزانية 2025 - صحيفة المدينة",
            "العدد 2026 - الأحد 23 مارس 2008م الموافق 15 ربيع الاول 1429هـ",
            "المجلس البلدي يقر ميزانية 2025",
            "المدينة - سارة حداد، ليلى خوري",
            "23 مارس 2008",
            *AR,
        ],
        ["المجلس البلدي يقر ميزانية 2025", *AR],
        [
            "المجلس البلدي يقر ميزانية 2025 - صحيفة المدينة",
            "العدد 2026 - الأحد 23 مارس 2008م الموافق 15 ربيع الاول 1429هـ",
            "23 مارس 2008",
        ],
    ),
    (
        "ar-crumb",
        [
            "المجلس البلدي يقر ميزانية 2025 - صحيفة المدينة",
            "الرئيسية » عناوين الاخبار",
            "المجلس البلدي يقر ميزانية 2025",
            "المدينة : سارة حداد",
            *AR,
        ],
        ["المجلس البلدي يقر ميزانية 2025", *AR],
        [
            "المجلس البلدي يقر ميزانية 2025 - صحيفة المدينة",
            "الرئيسية » عناوين الاخبار",
            "المدينة : سارة حداد",
        ],
    ),
    (
        "ar-share",
        [
            "المجلس البلدي يقر ميزانية 2025 | صحيفة المدينة",
            "الرئيسية أحداث محلية",
            "شارك من خلال الواتس اب",
            "المجلس البلدي يقر ميزانية 2025",
            "[06-03-2019 11:32 AM]",
            *AR,
        ],
        ["المجلس البلدي يقر ميزانية 2025", *AR],
        [
            "المجلس البلدي يقر ميزانية 2025 | صحيفة المدينة",
            "الرئيسية أحداث محلية",
            "شارك من خلال الواتس اب",
        ],
    ),
    (
        "ko-bracket",
        [
            "시의회, 2025년 예산안 통과 - 다음뉴스",
            "홈",
            "사회",
            "시의회, 2025년 예산안 통과",
            "[박정훈 기자]",
            *KO,
        ],
        ["시의회, 2025년 예산안 통과", *KO],
        [
            "시의회, 2025년 예산안 통과 - 다음뉴스",
            "홈",
            "사회",
            "[박정훈 기자]",
        ],
    ),
    (
        "ko-input",
        [
            "시의회, 2025년 예산안 통과 < 사회 < 기사본문 - 항구신문",
            "전체기사",
            "사회",
            "시의회, 2025년 예산안 통과",
            "김민지 기자",
            "입력 2023.12.23 15:50",
            "수정 2023.12.23 16:02",
            "댓글 0",
            *KO,
        ],
        ["시의회, 2025년 예산안 통과", *KO],
        [
            "시의회, 2025년 예산안 통과 < 사회 < 기사본문 - 항구신문",
            "전체기사",
            "사회",
            "김민지 기자",
            "입력 2023.12.23 15:50",
            "수정 2023.12.23 16:02",
            "댓글 0",
        ],
    ),
    (
        "ko-inline",
        [
            "시의회, 2025년 예산안 통과 - 항구신문",
            "뉴스",
            "정치",
            "시의회, 2025년 예산안 통과",
            (
                "[항구신문=김민지기자] 시의회는 월요일 저녁 여섯 시간이 넘는 토론 끝에 내년도 예산안을 통과시켰으며 야당은 "
                "반대표를 던졌다고 밝혔다."
            ),
            *KO,
        ],
        ["시의회, 2025년 예산안 통과", *KO],
        [
            "시의회, 2025년 예산안 통과 - 항구신문",
            "뉴스",
            "정치",
        ],
    ),
    (
        "fr-modifie",
        [
            "Le conseil municipal adopte le budget 2025 | Le Journal",
            "Accueil",
            "Politique",
            "Le conseil municipal adopte le budget 2025",
            "Publié le 12/03/2024 à 09h14",
            "Modifié le 12/03/2024 à 10h20",
            "Par Julien Moreau",
            *FR,
        ],
        ["Le conseil municipal adopte le budget 2025", *FR],
        [
            "Le conseil municipal adopte le budget 2025 | Le Journal",
            "Accueil",
            "Politique",
            "Publié le 12/03/2024 à 09h14",
            "Modifié le 12/03/2024 à 10h20",
            "Par Julien Moreau",
        ],
    ),
    (
        "es-kicker",
        [
            ("El ayuntamiento aprueba el presupuesto de 2025 | Sociedad | El Diario"),
            "Portada",
            "Sociedad",
            "El ayuntamiento aprueba el presupuesto de 2025",
            "Por Lucía Fernández",
            "Madrid - 12 mar 2024 - 09:14 CET",
            *ES,
        ],
        ["El ayuntamiento aprueba el presupuesto de 2025", *ES],
        [
            ("El ayuntamiento aprueba el presupuesto de 2025 | Sociedad | El Diario"),
            "Portada",
            "Sociedad",
            "Por Lucía Fernández",
            "Madrid - 12 mar 2024 - 09:14 CET",
        ],
    ),
    (
        "it-modifica",
        [
            "Il consiglio comunale approva il bilancio 2025 - Il Giornale",
            "Home",
            "Cronaca",
            "Politica",
            "Il consiglio comunale approva il bilancio 2025",
            "di Marco Rossi",
            "12 marzo 2024",
            *IT,
        ],
        ["Il consiglio comunale approva il bilancio 2025", *IT],
        [
            "Il consiglio comunale approva il bilancio 2025 - Il Giornale",
            "Home",
            "Cronaca",
            "Politica",
            "di Marco Rossi",
            "12 marzo 2024",
        ],
    ),
    (
        "ru-colon-title",
        [
            "Горсовет утвердил бюджет на 2025 год: Город: Россия: Вести",
            "Главная",
            "Россия",
            "Горсовет утвердил бюджет на 2025 год",
            "09:14, 12 марта 2024",
            "Ирина Петрова",
            *RU,
        ],
        ["Горсовет утвердил бюджет на 2025 год", *RU],
        [
            "Горсовет утвердил бюджет на 2025 год: Город: Россия: Вести",
            "Главная",
            "Россия",
            "09:14, 12 марта 2024",
        ],
    ),
    (
        "ru-dash",
        [
            "Горсовет утвердил бюджет на 2025 год — Новости",
            "Новости",
            "Политика",
            "Общество",
            "Горсовет утвердил бюджет на 2025 год",
            "Опубликовано: 12.03.2024 09:14",
            "Текст: Ирина Петрова",
            *RU,
        ],
        ["Горсовет утвердил бюджет на 2025 год", *RU],
        [
            "Горсовет утвердил бюджет на 2025 год — Новости",
            "Новости",
            "Политика",
            "Общество",
            "Опубликовано: 12.03.2024 09:14",
            "Текст: Ирина Петрова",
        ],
    ),
    (
        "uk-pipe",
        [
            "Міськрада ухвалила бюджет на 2025 рік | Новини міста",
            "Головна",
            "Новини",
            "Міськрада ухвалила бюджет на 2025 рік",
            "12 березня 2024, 09:14",
            "Автор: Олена Коваль",
            *UK,
        ],
        ["Міськрада ухвалила бюджет на 2025 рік", *UK],
        [
            "Міськрада ухвалила бюджет на 2025 рік | Новини міста",
            "Головна",
            "Новини",
            "12 березня 2024, 09:14",
            "Автор: Олена Коваль",
        ],
    ),
    (
        "ja-pipe",
        [
            "市議会、2025年度予算を可決 | 港町新聞",
            "トップ",
            "社会",
            "市議会、2025年度予算を可決",
            "2024年3月12日 9時14分",
            *JA,
        ],
        ["市議会、2025年度予算を可決", *JA],
        [
            "市議会、2025年度予算を可決 | 港町新聞",
            "トップ",
            "社会",
            "2024年3月12日 9時14分",
        ],
    ),
    (
        "ja-bun",
        [
            "市議会、2025年度予算を可決｜港町新聞",
            "ホーム",
            "ニュース",
            "市議会、2025年度予算を可決",
            "文／山田花子",
            "2024/03/12 09:14",
            *JA,
        ],
        ["市議会、2025年度予算を可決", *JA],
        [
            "市議会、2025年度予算を可決｜港町新聞",
            "ホーム",
            "ニュース",
            "文／山田花子",
            "2024/03/12 09:14",
        ],
    ),
    (
        "zh-src",
        [
            "市议会通过2025年预算案_城市日报",
            "首页",
            "新闻",
            "市议会通过2025年预算案",
            "2024-03-12 09:14 来源：城市日报",
            "责任编辑：王小明",
            *ZH,
        ],
        ["市议会通过2025年预算案", *ZH],
        [
            "市议会通过2025年预算案_城市日报",
            "首页",
            "新闻",
            "2024-03-12 09:14 来源：城市日报",
            "责任编辑：王小明",
        ],
    ),
    (
        "zh-dash",
        [
            "市议会通过2025年预算案 - 城市网",
            "首页",
            "本地",
            "市议会通过2025年预算案",
            "来源:城市日报 作者:王小明 发布时间:2024-03-12 09:14",
            *ZH,
        ],
        ["市议会通过2025年预算案", *ZH],
        [
            "市议会通过2025年预算案 - 城市网",
            "首页",
            "本地",
            "来源:城市日报 作者:王小明 发布时间:2024-03-12 09:14",
        ],
    ),
]


@pytest.mark.parametrize(
    ("lines", "stay", "go"), [r[1:] for r in REAL_SHAPES], ids=[r[0] for r in REAL_SHAPES]
)
def test_real_header_shapes(
    cleaner: Cleaner, lines: list[str], stay: list[str], go: list[str]
) -> None:
    out = cleaner.clean("\n".join(lines) + "\n").text.splitlines()
    assert [line for line in out if line in stay] == stay
    assert not [line for line in go if line in out]
