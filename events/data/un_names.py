"""The UN's official short names of the 195 States in Arabic, Chinese, French, Russian
and Spanish, where they differ from CLDR's common names (the ``babel`` library).

A State's name in a language is its entry below if there is one, else CLDR's name for
its ISO 3166 code (``events.data.state_names.un_state_name``); English is always the
UN's name in ``events.data.un_states``. Plain data, so that a data migration can
import it.

Source: the UN Terminology Database (UNTERM), the "short name" of each Member State
and observer State in the six official languages, as the UN's Member States pages and
UN documents use them. As there:

- French and Spanish names are given without UNTERM's article markers: "Gambie (la)"
  and "Bahamas (las)" are listed as "Gambie" and "Bahamas";
- the States whose English short name is inverted keep the UN's inverted form in
  French, Spanish, Russian and Arabic ("Bolivie (État plurinational de)", "Иран
  (Исламская Республика)", "إيران (جمهورية - الإسلامية)"); Chinese does not invert
  ("伊朗伊斯兰共和国");
- names changed at the request of the State: "Türkiye" (2022; French and Spanish write
  "Türkiye", while Arabic, Chinese and Russian keep تركيا, 土耳其 and Турция) and
  "Netherlands (Kingdom of the)" (2023; in Arabic the formal "مملكة هولندا");
- the UN's names, not the common ones, where CLDR says "Bolivia", "Laos", "Russia",
  "Syria", "North Korea", "South Korea", "Vatican City", "Palestinian Territories",
  "Congo-Kinshasa", "Cap-Vert", "Timor oriental" and so on.

Only the entries that differ from CLDR (babel 2.19.0, pinned in requirements.txt) are
listed: a test checks that every entry still differs from CLDR, that every State has
a name in every language and that no two States share a name. Staff may still correct
a name in admin; ``manage.py sync_organisation_names`` fills only empty names unless
told to --overwrite.
"""

# ISO 3166-1 alpha-2 code -> {language (modeltranslation field suffix) -> UN name}, in
# the UN's English order.
UN_NAME_OVERRIDES: dict[str, dict[str, str]] = {
    # Bahamas
    "BS": {
        "ru": "Багамские Острова",
    },
    # Bahrain
    "BH": {
        "es": "Bahrein",
    },
    # Bangladesh
    "BD": {
        "es": "Bangladesh",
    },
    # Belarus
    "BY": {
        "fr": "Bélarus",
        "es": "Belarús",
    },
    # Benin
    "BJ": {
        "ar": "بنن",
        "es": "Benin",
    },
    # Bhutan
    "BT": {
        "es": "Bhután",
    },
    # Bolivia (Plurinational State of)
    "BO": {
        "ar": "بوليفيا (دولة - المتعددة القوميات)",
        "zh_hans": "多民族玻利维亚国",
        "fr": "Bolivie (État plurinational de)",
        "ru": "Боливия (Многонациональное Государство)",
        "es": "Bolivia (Estado Plurinacional de)",
    },
    # Botswana
    "BW": {
        "es": "Botswana",
    },
    # Brunei Darussalam
    "BN": {
        "ar": "بروني دار السلام",
        "zh_hans": "文莱达鲁萨兰国",
        "fr": "Brunéi Darussalam",
        "ru": "Бруней-Даруссалам",
        "es": "Brunei Darussalam",
    },
    # Cabo Verde
    "CV": {
        "ar": "كابو فيردي",
        "fr": "Cabo Verde",
    },
    # Central African Republic
    "CF": {
        "ru": "Центральноафриканская Республика",
    },
    # Chile
    "CL": {
        "ar": "شيلي",
    },
    # Comoros
    "KM": {
        "ru": "Коморские Острова",
    },
    # Congo
    "CG": {
        "ar": "الكونغو",
        "fr": "Congo",
        "ru": "Конго",
    },
    # Côte d'Ivoire
    "CI": {
        "ar": "كوت ديفوار",
        "fr": "Côte d'Ivoire",
    },
    # Czechia
    "CZ": {
        "ar": "تشيكيا",
    },
    # Democratic People's Republic of Korea
    "KP": {
        "ar": "جمهورية كوريا الشعبية الديمقراطية",
        "zh_hans": "朝鲜民主主义人民共和国",
        "fr": "République populaire démocratique de Corée",
        "ru": "Корейская Народно-Демократическая Республика",
        "es": "República Popular Democrática de Corea",
    },
    # Democratic Republic of the Congo
    "CD": {
        "ar": "جمهورية الكونغو الديمقراطية",
        "zh_hans": "刚果民主共和国",
        "fr": "République démocratique du Congo",
        "ru": "Демократическая Республика Конго",
    },
    # Djibouti
    "DJ": {
        "es": "Djibouti",
    },
    # Dominican Republic
    "DO": {
        "ar": "الجمهورية الدومينيكية",
        "zh_hans": "多米尼加",
    },
    # Ecuador
    "EC": {
        "ar": "إكوادور",
    },
    # El Salvador
    "SV": {
        "fr": "El Salvador",
    },
    # Eswatini
    "SZ": {
        "es": "Eswatini",
    },
    # Fiji
    "FJ": {
        "es": "Fiji",
    },
    # Gabon
    "GA": {
        "ar": "غابون",
    },
    # Guinea-Bissau
    "GW": {
        "ar": "غينيا - بيساو",
        "es": "Guinea-Bissau",
    },
    # Iran (Islamic Republic of)
    "IR": {
        "ar": "إيران (جمهورية - الإسلامية)",
        "zh_hans": "伊朗伊斯兰共和国",
        "fr": "Iran (République islamique d')",
        "ru": "Иран (Исламская Республика)",
        "es": "Irán (República Islámica del)",
    },
    # Iraq
    "IQ": {
        "fr": "Iraq",
        "es": "Iraq",
    },
    # Kazakhstan
    "KZ": {
        "es": "Kazajstán",
    },
    # Kenya
    "KE": {
        "es": "Kenya",
    },
    # Kiribati
    "KI": {
        "ar": "كيريباس",
    },
    # Kyrgyzstan
    "KG": {
        "fr": "Kirghizistan",
        "ru": "Кыргызстан",
    },
    # Lao People's Democratic Republic
    "LA": {
        "ar": "جمهورية لاو الديمقراطية الشعبية",
        "zh_hans": "老挝人民民主共和国",
        "fr": "République démocratique populaire lao",
        "ru": "Лаосская Народно-Демократическая Республика",
        "es": "República Democrática Popular Lao",
    },
    # Lesotho
    "LS": {
        "es": "Lesotho",
    },
    # Liberia
    "LR": {
        "ar": "ليبريا",
        "fr": "Libéria",
    },
    # Luxembourg
    "LU": {
        "ar": "لكسمبرغ",
    },
    # Malawi
    "MW": {
        "es": "Malawi",
    },
    # Maldives
    "MV": {
        "ar": "ملديف",
        "ru": "Мальдивские Острова",
    },
    # Mali
    "ML": {
        "es": "Malí",
    },
    # Malta
    "MT": {
        "ar": "مالطة",
    },
    # Marshall Islands
    "MH": {
        "ru": "Маршалловы Острова",
    },
    # Micronesia (Federated States of)
    "FM": {
        "ar": "ميكرونيزيا (ولايات - الموحدة)",
        "zh_hans": "密克罗尼西亚联邦",
        "fr": "Micronésie (États fédérés de)",
        "ru": "Микронезия (Федеративные Штаты)",
        "es": "Micronesia (Estados Federados de)",
    },
    # Mozambique
    "MZ": {
        "ar": "موزامبيق",
    },
    # Myanmar
    "MM": {
        "ar": "ميانمار",
        "fr": "Myanmar",
        "ru": "Мьянма",
        "es": "Myanmar",
    },
    # Netherlands (Kingdom of the)
    "NL": {
        "ar": "مملكة هولندا",
        "zh_hans": "荷兰王国",
        "fr": "Pays-Bas (Royaume des)",
        "ru": "Нидерланды (Королевство)",
        "es": "Países Bajos (Reino de los)",
    },
    # New Zealand
    "NZ": {
        "es": "Nueva Zelandia",
    },
    # Nigeria
    "NG": {
        "fr": "Nigéria",
    },
    # Oman
    "OM": {
        "ar": "عمان",
    },
    # Palau
    "PW": {
        "es": "Palau",
    },
    # Papua New Guinea
    "PG": {
        "es": "Papua Nueva Guinea",
    },
    # Qatar
    "QA": {
        "es": "Qatar",
    },
    # Republic of Korea
    "KR": {
        "ar": "جمهورية كوريا",
        "zh_hans": "大韩民国",
        "fr": "République de Corée",
        "es": "República de Corea",
    },
    # Republic of Moldova
    "MD": {
        "ar": "جمهورية مولدوفا",
        "zh_hans": "摩尔多瓦共和国",
        "fr": "République de Moldova",
        "ru": "Республика Молдова",
        "es": "República de Moldova",
    },
    # Romania
    "RO": {
        "es": "Rumania",
    },
    # Russian Federation
    "RU": {
        "ar": "الاتحاد الروسي",
        "zh_hans": "俄罗斯联邦",
        "fr": "Fédération de Russie",
        "ru": "Российская Федерация",
        "es": "Federación de Rusia",
    },
    # Rwanda
    "RW": {
        "es": "Rwanda",
    },
    # Saint Kitts and Nevis
    "KN": {
        "ar": "سانت كيتس ونيفس",
        "fr": "Saint-Kitts-et-Nevis",
        "es": "Saint Kitts y Nevis",
    },
    # Sao Tome and Principe
    "ST": {
        "ar": "سان تومي وبرينسيبي",
    },
    # Saudi Arabia
    "SA": {
        "es": "Arabia Saudita",
    },
    # Seychelles
    "SC": {
        "ar": "سيشيل",
        "ru": "Сейшельские Острова",
    },
    # Solomon Islands
    "SB": {
        "ru": "Соломоновы Острова",
    },
    # South Africa
    "ZA": {
        "ru": "Южная Африка",
    },
    # Sri Lanka
    "LK": {
        "ar": "سري لانكا",
    },
    # Suriname
    "SR": {
        "es": "Suriname",
    },
    # Syrian Arab Republic
    "SY": {
        "ar": "الجمهورية العربية السورية",
        "zh_hans": "阿拉伯叙利亚共和国",
        "fr": "République arabe syrienne",
        "ru": "Сирийская Арабская Республика",
        "es": "República Árabe Siria",
    },
    # Thailand
    "TH": {
        "ar": "تايلند",
    },
    # Timor-Leste
    "TL": {
        "fr": "Timor-Leste",
        "ru": "Тимор-Лешти",
    },
    # Trinidad and Tobago
    "TT": {
        "es": "Trinidad y Tabago",
    },
    # Türkiye
    "TR": {
        "fr": "Türkiye",
        "es": "Türkiye",
    },
    # United Arab Emirates
    "AE": {
        "ru": "Объединенные Арабские Эмираты",
    },
    # United Kingdom of Great Britain and Northern Ireland
    "GB": {
        "ar": "المملكة المتحدة لبريطانيا العظمى وأيرلندا الشمالية",
        "zh_hans": "大不列颠及北爱尔兰联合王国",
        "fr": "Royaume-Uni de Grande-Bretagne et d'Irlande du Nord",
        "ru": "Соединенное Королевство Великобритании и Северной Ирландии",
        "es": "Reino Unido de Gran Bretaña e Irlanda del Norte",
    },
    # United Republic of Tanzania
    "TZ": {
        "ar": "جمهورية تنزانيا المتحدة",
        "zh_hans": "坦桑尼亚联合共和国",
        "fr": "République-Unie de Tanzanie",
        "ru": "Объединенная Республика Танзания",
        "es": "República Unida de Tanzanía",
    },
    # United States of America
    "US": {
        "ar": "الولايات المتحدة الأمريكية",
        "zh_hans": "美利坚合众国",
        "fr": "États-Unis d'Amérique",
        "ru": "Соединенные Штаты Америки",
        "es": "Estados Unidos de América",
    },
    # Uruguay
    "UY": {
        "ar": "أوروغواي",
    },
    # Venezuela (Bolivarian Republic of)
    "VE": {
        "ar": "فنزويلا (جمهورية - البوليفارية)",
        "zh_hans": "委内瑞拉玻利瓦尔共和国",
        "fr": "Venezuela (République bolivarienne du)",
        "ru": "Венесуэла (Боливарианская Республика)",
        "es": "Venezuela (República Bolivariana de)",
    },
    # Viet Nam
    "VN": {
        "ar": "فييت نام",
        "fr": "Viet Nam",
        "es": "Viet Nam",
    },
    # Zimbabwe
    "ZW": {
        "ar": "زمبابوي",
        "es": "Zimbabwe",
    },
    # Holy See
    "VA": {
        "ar": "الكرسي الرسولي",
        "zh_hans": "罗马教廷",
        "fr": "Saint-Siège",
        "ru": "Святой Престол",
        "es": "Santa Sede",
    },
    # State of Palestine
    "PS": {
        "ar": "دولة فلسطين",
        "zh_hans": "巴勒斯坦国",
        "fr": "État de Palestine",
        "ru": "Государство Палестина",
        "es": "Estado de Palestina",
    },
}


# A name identical to the English one in another language must be listed here, with
# the reason: anything else identical to English is a name left untranslated.
# language -> (reason, ISO codes separated by spaces)
SAME_AS_ENGLISH: dict[str, tuple[str, str]] = {
    "fr": (
        "The UN's French short name is spelled as the English one (UNTERM).",
        (
            "AF AO BS BD BZ BW BF BI CV CA CG CR CI CU DJ SV SZ FR GA GH GT GY "
            "HN IQ KZ KE KI LS LI LU MG MW MV ML MC MZ MM NR NI NE OM PK PA PY "
            "PH PT QA RW WS SC SL LK SR TL TG TO TR TV UA UY VU VN ZW"
        ),
    ),
    "es": (
        "The UN's Spanish short name is spelled as the English one (UNTERM).",
        (
            "AL AD AO AR AM AU AT BS BD BB BJ BW BN BG BF BI CV TD CL CN CO CG "
            "CR CU DJ DM EC SV ER EE SZ FJ GM GE GH GT GN GW GY HN IN ID IQ IL "
            "JM KE KI KW LS LR LI MG MW MT MR MN ME MZ MM NA NR NP NI NG PW PY "
            "PT QA RW WS SM SN RS SC SO LK SR TL TG TO TR TV UG UY VU VN YE ZM "
            "ZW"
        ),
    ),
}
