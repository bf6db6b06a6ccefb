"""Word lists the entity rules rest on: closed classes, not names of anyone.

Each set holds lower-cased words (look-ups go through ``str.lower``). They are general
English news vocabulary: suffixes companies put after their names, titles people carry
before theirs, capitalised words that start sentences or name months, days, countries
and places. No list holds a particular person or company: names are found by shape
(capitalised runs), by position (after a title, before a suffix) and by the aliases an
article gives them.
"""

from __future__ import annotations

from tui.text import word_set


def _words(text: str) -> frozenset[str]:
    """A lower-cased :func:`~tui.text.word_set` (``word_set`` itself keeps case where it
    matters: ``Us`` opens a sentence, ``US`` is a place)."""
    return word_set(text.lower())


#: Legal-form suffixes: a capitalised run ending in one of these is an organisation
#: (``Nokia Oyj``, ``Cisco Systems Inc``, ``Tata Electronics Pvt``, ``Tata Group``).
ORG_SUFFIXES = _words(
    """
    Co Inc Corp Ltd LLC LLP LP PLC Oyj AB AG SA SE NV BV GmbH Pvt Group KK ASA SpA
    Bhd Tbk Corporation Incorporated Limited Company Holdings
    """
)

#: Words that end a company's name without a legal form (``Huawei Technologies``).
ORG_TAILS = _words(
    """
    Technologies Systems Solutions Electronics Industries Airlines Airways Motors
    Pharmaceuticals Telecommunications Communications Networks Laboratories Labs
    Enterprises Ventures Partners Investments Semiconductors Microsystems Entertainment
    Insurance Securities Petroleum Steelworks Shipbuilding Robotics Therapeutics
    """
)

#: Words that end the name of a public body (``Federal Security Service``,
#: ``Investigative Committee``) or open one (``University of ...``, ``Bank of ...``).
INSTITUTIONS = _words(
    """
    Agency Association Authority Bank Board Bureau Commission Committee Congress Council
    Court Department Directorate Federation Foundation Fund Institute Institution League
    Ministry Office Organisation Organization Parliament Party Police Senate Service
    Tribunal University College School Academy Assembly Alliance Army Navy Consortium
    Cabinet Secretariat Inspectorate Regulator Exchange Reserve Treasury Brigade Corps
    Guard Command Commission Network Group
    """
)

#: Heads that end the name of an organisation, a movement or a publication rather than
#: of a person, though their words are name-shaped (``Planned Parenthood``, ``Black
#: Lives Matter``, ``Pew Research``, ``Getty Images``, ``Boston Globe``):
#: a run ending in one is an organisation, like a run ending in an institution word.
ORG_HEADS = _words(
    """
    Parenthood Matter Research Images Politics Register Globe Insider Enforcement
    Forum Qaeda Klan Caucus Coalition Campaign Movement Society Club
    """
)

#: Generic words inside company names: the words before the first of these are the
#: short name people use (``Huawei`` of ``Huawei Technologies Co``, ``Hon Hai`` of
#: ``Hon Hai Precision Industry Co``).
ORG_GENERIC = (
    ORG_SUFFIXES
    | ORG_TAILS
    | _words(
        """
        Technology Semiconductor Manufacturing Precision Industry Holding International
        Global Motor Pharma Bank Financial Capital Energy Power Electric Oil Gas Steel
        Chemical Chemicals Media Software Telecom Mobile Digital Devices Instruments
        Materials Components Display Optoelectronics Logistics Shipping Foods Retail Auto
        Automotive Aerospace Defense Defence Engineering Construction Healthcare Health
        Biotech Services Products Brands Resources Management Investment Trust Cables
        Optics Electronic Micro Microelectronics Platforms Interactive
        """
    )
)

#: Titles and jobs written before a name: ``US President Donald Trump``,
#: ``cabinet minister Nikolai Astrup``, ``Stanford lecturer Jerry Kaplan``.
ROLE_NOUNS = _words(
    """
    president vice-president president-elect minister premier chancellor chairman
    chairwoman chairperson ceo cfo coo cto cio chief officer executive founder co-founder
    cofounder lecturer professor director spokesperson spokesman spokeswoman secretary
    governor senator congressman congresswoman representative mayor king queen prince
    princess emperor ambassador analyst economist commissioner leader manager judge
    justice attorney prosecutor lawyer admiral colonel captain commander sergeant
    lieutenant coach author writer researcher scientist academic engineer actor actress
    singer journalist reporter correspondent editor columnist investor billionaire
    entrepreneur businessman businesswoman owner pope cardinal bishop archbishop rabbi
    imam sheikh pastor reverend principal teacher doctor surgeon activist campaigner
    candidate nominee lawmaker legislator envoy diplomat official adviser advisor aide
    strategist consultant superintendent inspector detective sheriff treasurer
    comptroller auditor counsel solicitor barrister magistrate general head partner
    deputy mp sir dame lord lady mr mrs ms dr prof whip speaker chair
    """
)

#: Titles abbreviated with a dot (``Ohio Gov. John Kasich``, ``Texas Sen. Ted Cruz``): the
#: dot ends the capitalised run, so the run before it (``Ohio Gov``) holds a place and a
#: title, not a person's names.
TITLE_ABBREVIATIONS = _words(
    """
    Gov Govs Sen Sens Rep Reps Lt Gen Col Sgt Capt Cmdr Adm Atty Supt Amb Insp Det Maj
    Brig Cpl Pres Asst Rev Gens
    """
)

#: Role nouns that only count in lower case or after another role word, because
#: capitalised they open names too (``General Motors``, ``Lord of the Rings``).
WEAK_ROLE_NOUNS = _words("general head partner deputy lord lady captain leader owner")

#: Honorifics: they say "a person follows" but are not much of a role.
HONORIFICS = _words("mr mrs ms dr prof sir dame lord lady")

#: Lower-case words that may stand inside a role phrase (``chief financial officer``,
#: ``Chelyabinsk regional Deputy Governor``, ``fellow academic``).
ROLE_MODIFIERS = ROLE_NOUNS | _words(
    """
    vice deputy assistant associate acting interim former senior junior chief financial
    operating technology technical executive managing general prime foreign finance
    defence defense interior health trade economy economic energy environment justice
    education transport labour labor industry foreign home state federal national
    regional provincial local city county district cabinet government party opposition
    fellow visiting emeritus first second lead principal independent permanent special
    union company group board marketing sales research communications security
    intelligence police army military naval air finance treasury supreme high court
    majority minority democratic republican
    """
)

#: Capitalised words that start sentences or clauses rather than names (as written).
STOPWORDS = word_set(
    """
    The A An And But Or Nor So Yet If In On At For From With By As Of To Into Onto Over
    Under After Before Since While When Where Whereas Although Though Because Unless Until
    During Despite Against Among Between Through Throughout Without Within About Above
    Below Across Along Around Behind Beyond Near Off Out Up Down Upon Via Per
    This That These Those It Its He She They We I You His Her Their Our My Your Them Us
    Him Me Who Whom Whose Which What Why How There Here Then Now Also Still Even Just Only
    Yes No Not All Any Some Many Much More Most Few Several Each Every Both Either Neither
    Such Other Another Same One Two Three Four Five Six Seven Eight Nine Ten First Second
    Third Last Next Meanwhile However Moreover Furthermore Nevertheless Nonetheless
    Instead Otherwise Therefore Thus Hence Indeed Earlier Later Yesterday Today Tomorrow
    Tonight Once Twice Perhaps Maybe Although Overall Photo Photos Picture Image Video
    Source Sources Reporting Editing Additional Related Read Watch Listen Click See
    Update Updated Note Editor Editors Advertisement Subscribe Share Comment Comments
    According Asked Given Like Unlike Following Including Amid Between Except Plus
    Follow Rival
    Mr Mrs Ms Dr Prof Sir Dame St Said Says Will Would Could Should May Might Must Can
    Do Does Did Is Are Was Were Be Been Has Have Had Let Please Thanks Thank Dear Hello
    Welcome Good Bad New Old Big Small Top Local Major Minor Key Chief Senior Former
    Western Eastern Northern Southern Central Global International National Federal
    Other Others People Officials Critics Analysts Investors Experts Residents Police
    Whether Wherever Whenever Whatever Whoever Besides Beside Beneath Regarding
    Concerning Toward Towards Absent Longtime Certainly Clearly Obviously Interestingly
    Incredibly Absolutely Surprisingly Notably Reportedly Apparently Ironically
    Unfortunately Fortunately Similarly Additionally Initially Ultimately Eventually
    Finally Currently Recently Previously Originally Frankly Honestly Admittedly
    Presumably Allegedly Naturally Separately Specifically Importantly Undoubtedly
    """
)

MONTHS = _words(
    """
    January February March April May June July August September October November December
    Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec
    """
)

DAYS = _words(
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday Mon Tue Wed Thu Fri Sat Sun"
)

#: Countries, regions, US states and their adjectives: places, never people (states that
#: are also given names or surnames, Virginia, Carolina, Montana, Indiana, are left out).
PLACES = _words(
    """
    Afghanistan Albania Algeria Angola Argentina Armenia Australia Austria Azerbaijan
    Bahrain Bangladesh Belarus Belgium Bolivia Bosnia Botswana Brazil Bulgaria Burma
    Cambodia Cameroon Canada Chile China Colombia Congo Croatia Cuba Cyprus Czechia
    Denmark Ecuador Egypt England Eritrea Estonia Ethiopia Europe Finland France Georgia
    Germany Ghana Greece Guatemala Haiti Honduras Hungary Iceland India Indonesia Iran
    Iraq Ireland Israel Italy Jamaica Japan Jordan Kazakhstan Kenya Korea Kosovo Kuwait
    Laos Latvia Lebanon Libya Lithuania Luxembourg Macau Madagascar Malaysia Mali Malta
    Mexico Moldova Mongolia Montenegro Morocco Mozambique Myanmar Namibia Nepal
    Netherlands Nicaragua Niger Nigeria Norway Oman Pakistan Palestine Panama Paraguay
    Peru Philippines Poland Portugal Qatar Romania Russia Rwanda Scotland Senegal Serbia
    Singapore Slovakia Slovenia Somalia Spain Sudan Sweden Switzerland Syria Taiwan
    Tajikistan Tanzania Thailand Tibet Tunisia Turkey Uganda Ukraine Uruguay Uzbekistan
    Venezuela Vietnam Wales Yemen Zambia Zimbabwe Africa Asia America Americas Antarctica
    Arctic Atlantic Pacific Oceania Eurasia Balkans Caribbean Scandinavia Siberia
    Beijing Shanghai Tokyo Moscow London Paris Berlin Washington Brussels Seoul Taipei
    Delhi Mumbai Geneva Kyiv Kiev Hong Kong Shenzhen Guangzhou Silicon Valley Wall Street
    Capitol
    Alabama Alaska Arizona Arkansas California Colorado Connecticut Delaware Hawaii Idaho
    Illinois Iowa Kansas Kentucky Louisiana Maryland Massachusetts Michigan Minnesota
    Mississippi Missouri Nebraska Nevada Ohio Oklahoma Oregon Pennsylvania Tennessee
    Texas Utah Vermont Wisconsin Wyoming Puerto Guam
    US USA UK EU UN UAE USSR PRC ROC NYC DC
    New North South East West Upper Lower Greater Saint San Santa Los Las Port Fort Mount
    Lake Cape United Soviet Middle Far Near Latin Gulf Persian Red Black Dead Baltic
    """
)

#: Nouns for members of a party or group: their plurals (``Republicans``, ``Evangelicals``)
#: name groups, never a person (titles and nationalities count too: ``Senators``,
#: ``Americans``).
GROUP_NOUNS = _words(
    """
    Democrat Republican Conservative Liberal Progressive Independent Libertarian Moderate
    Socialist Communist Tory Whig Evangelical Catholic Christian Muslim Jew Mormon Latino
    Latina Hispanic Boomer Millennial Voter Delegate Supporter Member Veteran Immigrant
    Worker Fan Rican Islamist Jihadist Marine Dreamer
    """
)

#: Nationality and regional adjectives: ``Chinese``, ``Norwegian``.
DEMONYMS = _words(
    """
    American Australian Austrian Belgian Brazilian British Bulgarian Canadian Chilean
    Chinese Colombian Croatian Cuban Czech Danish Dutch Egyptian English Estonian
    Ethiopian European Finnish French German Greek Hungarian Icelandic Indian Indonesian
    Iranian Iraqi Irish Israeli Italian Japanese Kenyan Korean Latvian Lebanese
    Lithuanian Malaysian Mexican Mongolian Moroccan Nigerian Norwegian Pakistani
    Palestinian Peruvian Polish Portuguese Romanian Russian Saudi Scottish Serbian
    Singaporean Slovak Spanish Swedish Swiss Syrian Taiwanese Thai Turkish Ukrainian
    Venezuelan Vietnamese Welsh Asian African Arab Arabic Western Eastern Soviet Nordic
    Scandinavian Latin Hispanic Kurdish Jewish Muslim Christian Catholic Islamic
    """
)

#: Words that name a document, a notice or an issue of one (``Hurricane Humberto
#: Advisory Number 14``, ``Weather Bulletin``, ``Joint Statement``): after a name they
#: make the name a document's, never a person's.
DOCUMENT_WORDS = _words(
    """
    Advisory Advisories Number Bulletin Bulletins Update Updates Statement Statements
    Notice Notices Warning Warnings Alert Alerts Forecast Forecasts Release Releases
    Memo Memorandum Briefing Communique Communiqué Transcript Summary Outlook Discussion
    Circular Directive Decree Resolution Declaration Manifesto
    """
)

#: Words that end the name of a place, an index, a document or a thing, not of a
#: person (``Karl Marx Avenue``, ``Hang Seng Index``, ``Soviet Union``).
NON_PERSON_TAILS = DOCUMENT_WORDS | _words(
    """
    Street St Avenue Ave Road Rd Boulevard Square Lane Drive Way Highway Bridge Tunnel
    Park Garden Gardens Plaza Centre Center Tower Towers Building Hall Palace Castle
    Airport Station Port Harbour Harbor Bay Beach Island Islands Peninsula River Lake
    Sea Ocean Gulf Strait Canal Mountain Mountains Mount Valley Desert Forest Coast
    City Town Village County Province Prefecture State States Region District Territory
    Kingdom Republic Union Emirates Federation Empire Index Average Composite Exchange
    Stock Prize Award Awards Cup Games Olympics Championship League Festival Day Week
    Act Bill Law Treaty Accord Agreement Pact Plan Initiative Programme Program Project
    Strategy Policy Doctrine Report Survey War Revolution Crisis Pandemic Virus Disease
    Syndrome Storm Hurricane Typhoon Cyclone Earthquake Apps App Cloud Notes News Times
    Post Journal Daily Herald Tribune Gazette Magazine Review Online Radio TV Television
    Channel Network Times Wire Press Store Shop Mall Market Markets Hospital Clinic
    Ledger Chronicle Observer Bulletin Courier Mirror Inquirer Dispatch Examiner
    Flight Flights Range Traffic Freedom Belt Wars Bowl Trophy Rights Strip Show
    House
    Church Cathedral Temple Mosque Museum Library Gallery Theatre Theater Stadium Arena
    Zone Line Lines Route Express Protocol Standard Edition Series Model Version
    Year Era Age Period Quarter Base Camp Prison Jail Embassy Consulate World Worlds
    """
)

#: Words that are never one of a person's names (``Global Times`` is no one).
NOT_NAME_WORDS = (
    frozenset(w.lower() for w in STOPWORDS)
    | MONTHS
    | DAYS
    | PLACES
    | DEMONYMS
    | NON_PERSON_TAILS
    | INSTITUTIONS
    | ORG_HEADS
    | ORG_GENERIC
    | _words(
        """
        Internet Web Online Digital Smart Artificial Intelligence Technology Science
        Government Ministry Administration State Foreign Affairs Security Defence Defense
        Health Education Finance Economy Trade Energy Environment Justice Interior
        Emergency Emergencies Situations Affairs Development Reform Public Private Free
        Democratic Republican Liberal Conservative Labour Labor Green Socialist Communist
    Democrat Libertarian Progressive Independent
        Christmas Easter Ramadan Eid Diwali Halloween Thanksgiving Spring Summer Autumn
        Fall Winter God Lord Bible Covid Ebola Brexit Prime Minister President Chairman
        Secretary Governor Senator Mayor King Queen Prince Princess Chancellor Premier
        Director Professor Judge Justice General Captain Commander Officer Executive CEO
        Minister Spokesman Spokeswoman Spokesperson Founder Chief Deputy Vice Head
        Rescue Search Operation Mission Team Task Force Forces Troops Staff Crew
        """
    )
)
