"""Name lists for the demo data: Flemish people and streets, Ukrainian households, buildings.

Plain tuples (never sets): the generator picks from them by index, so the order is part of what
makes a seed reproducible.
"""

from __future__ import annotations

FLEMISH_FIRST_NAMES: tuple[str, ...] = (
    "An", "Els", "Tom", "Pieter", "Sofie", "Lien", "Jens", "Katrien", "Bart", "Wim",
    "Joke", "Kristof", "Nele", "Sarah", "Lotte", "Stijn", "Jan", "Koen", "Hilde", "Griet",
    "Dirk", "Marc", "Veerle", "Inge", "Tine", "Evelien", "Ruben", "Thomas", "Elke", "Karen",
    "Joris", "Annelies", "Ward", "Hanne", "Lore", "Bram", "Jef", "Marijke", "Leen", "Ellen",
    "Dries", "Gert", "Sven", "Liesbeth", "Wouter", "Nathalie", "Caroline", "Frederik", "Jasper",
    "Eline", "Femke", "Ilse", "Kathleen", "Geert", "Filip", "Luc", "Rita", "Mieke", "Greet",
    "Sander", "Arne", "Laura", "Charlotte", "Hans", "Kurt", "Nancy", "Sabine", "Steven", "Tim",
    "Yves", "Ann", "Bert", "Davy", "Eva", "Gitte", "Hendrik", "Isabelle", "Jo", "Kim",
)  # fmt: skip

FLEMISH_LAST_NAMES: tuple[str, ...] = (
    "Peeters", "Janssens", "Maes", "Jacobs", "Mertens", "Willems", "Claes", "Goossens",
    "Wouters", "De Smet", "Hermans", "Aerts", "Pauwels", "Michiels", "Van den Broeck",
    "De Clercq", "Vermeulen", "Van Damme", "Desmet", "Lambrechts", "Martens", "Verhoeven",
    "Cools", "Smets", "Segers", "Stevens", "Bogaerts", "Van de Velde", "De Backer", "Coppens",
    "Vandenberghe", "De Meyer", "Verstraete", "Van Dyck", "Hendrickx", "Verbeke", "De Vos",
    "Declercq", "Vervoort", "Huysmans", "Wuyts", "Thys", "Baert", "Vandamme", "Verschueren",
    "Van Acker", "Geerts", "Van Hove", "De Wilde", "Van Hecke", "Matthys", "Moens", "Sels",
    "Lemmens", "Nijs", "Dewulf", "Vercammen", "Verlinden", "Devos", "Van Landeghem",
    "Vanderstraeten", "De Coninck", "Boeckx", "Roels", "Daems", "Van Gestel", "Vanhoutte",
)  # fmt: skip

# Ukrainian given names: (Latin transliteration, Cyrillic).
UA_FEMALE_NAMES: tuple[tuple[str, str], ...] = (
    ("Olena", "Олена"), ("Oksana", "Оксана"), ("Iryna", "Ірина"), ("Nataliia", "Наталія"),
    ("Tetiana", "Тетяна"), ("Svitlana", "Світлана"), ("Yuliia", "Юлія"),
    ("Kateryna", "Катерина"), ("Anastasiia", "Анастасія"), ("Mariia", "Марія"),
    ("Olha", "Ольга"), ("Halyna", "Галина"), ("Liudmyla", "Людмила"),
    ("Viktoriia", "Вікторія"), ("Alina", "Аліна"), ("Daryna", "Дарина"), ("Sofiia", "Софія"),
    ("Anna", "Анна"), ("Valentyna", "Валентина"), ("Nadiia", "Надія"), ("Larysa", "Лариса"),
    ("Inna", "Інна"), ("Khrystyna", "Христина"), ("Yana", "Яна"), ("Polina", "Поліна"),
    ("Veronika", "Вероніка"), ("Zlata", "Злата"), ("Milana", "Мілана"),
    ("Oleksandra", "Олександра"), ("Lesia", "Леся"),
)  # fmt: skip

UA_MALE_NAMES: tuple[tuple[str, str], ...] = (
    ("Oleksandr", "Олександр"), ("Andrii", "Андрій"), ("Serhii", "Сергій"),
    ("Volodymyr", "Володимир"), ("Dmytro", "Дмитро"), ("Mykola", "Микола"), ("Ivan", "Іван"),
    ("Yurii", "Юрій"), ("Vasyl", "Василь"), ("Oleh", "Олег"), ("Ihor", "Ігор"),
    ("Maksym", "Максим"), ("Artem", "Артем"), ("Bohdan", "Богдан"), ("Taras", "Тарас"),
    ("Roman", "Роман"), ("Viktor", "Віктор"), ("Pavlo", "Павло"), ("Petro", "Петро"),
    ("Denys", "Денис"), ("Mykhailo", "Михайло"), ("Yaroslav", "Ярослав"),
    ("Vitalii", "Віталій"), ("Anatolii", "Анатолій"), ("Matvii", "Матвій"), ("Nazar", "Назар"),
    ("Kyrylo", "Кирило"), ("Tymofii", "Тимофій"), ("Danylo", "Данило"),
    ("Oleksii", "Олексій"),
)  # fmt: skip

# Ukrainian surnames as (masculine Latin, masculine Cyrillic, feminine Latin, feminine Cyrillic).
# Most Ukrainian surnames (-enko, -uk, -yk, ...) are the same for men and women; -skyi/-ska,
# -ov/-ova and adjective surnames differ.
UA_SURNAMES: tuple[tuple[str, str, str, str], ...] = (
    ("Kovalenko", "Коваленко", "Kovalenko", "Коваленко"),
    ("Bondarenko", "Бондаренко", "Bondarenko", "Бондаренко"),
    ("Shevchenko", "Шевченко", "Shevchenko", "Шевченко"),
    ("Tkachenko", "Ткаченко", "Tkachenko", "Ткаченко"),
    ("Kravchenko", "Кравченко", "Kravchenko", "Кравченко"),
    ("Boiko", "Бойко", "Boiko", "Бойко"),
    ("Lysenko", "Лисенко", "Lysenko", "Лисенко"),
    ("Marchenko", "Марченко", "Marchenko", "Марченко"),
    ("Savchenko", "Савченко", "Savchenko", "Савченко"),
    ("Rudenko", "Руденко", "Rudenko", "Руденко"),
    ("Moroz", "Мороз", "Moroz", "Мороз"),
    ("Melnyk", "Мельник", "Melnyk", "Мельник"),
    ("Kovalchuk", "Ковальчук", "Kovalchuk", "Ковальчук"),
    ("Polishchuk", "Поліщук", "Polishchuk", "Поліщук"),
    ("Oliinyk", "Олійник", "Oliinyk", "Олійник"),
    ("Shevchuk", "Шевчук", "Shevchuk", "Шевчук"),
    ("Tkachuk", "Ткачук", "Tkachuk", "Ткачук"),
    ("Kravets", "Кравець", "Kravets", "Кравець"),
    ("Pavlenko", "Павленко", "Pavlenko", "Павленко"),
    ("Petrenko", "Петренко", "Petrenko", "Петренко"),
    ("Klymenko", "Клименко", "Klymenko", "Клименко"),
    ("Levchenko", "Левченко", "Levchenko", "Левченко"),
    ("Ponomarenko", "Пономаренко", "Ponomarenko", "Пономаренко"),
    ("Vasylenko", "Василенко", "Vasylenko", "Василенко"),
    ("Hrytsenko", "Гриценко", "Hrytsenko", "Гриценко"),
    ("Kostenko", "Костенко", "Kostenko", "Костенко"),
    ("Honcharuk", "Гончарук", "Honcharuk", "Гончарук"),
    ("Zinchenko", "Зінченко", "Zinchenko", "Зінченко"),
    ("Karpenko", "Карпенко", "Karpenko", "Карпенко"),
    ("Sydorenko", "Сидоренко", "Sydorenko", "Сидоренко"),
    ("Savchuk", "Савчук", "Savchuk", "Савчук"),
    ("Lytvynenko", "Литвиненко", "Lytvynenko", "Литвиненко"),
    ("Romanenko", "Романенко", "Romanenko", "Романенко"),
    ("Hnatiuk", "Гнатюк", "Hnatiuk", "Гнатюк"),
    ("Koval", "Коваль", "Koval", "Коваль"),
    ("Babenko", "Бабенко", "Babenko", "Бабенко"),
    ("Humeniuk", "Гуменюк", "Humeniuk", "Гуменюк"),
    ("Kovalskyi", "Ковальський", "Kovalska", "Ковальська"),
    ("Yavorskyi", "Яворський", "Yavorska", "Яворська"),
    ("Vyshnevskyi", "Вишневський", "Vyshnevska", "Вишневська"),
    ("Pavlovskyi", "Павловський", "Pavlovska", "Павловська"),
    ("Zhukovskyi", "Жуковський", "Zhukovska", "Жуковська"),
    ("Ivanov", "Іванов", "Ivanova", "Іванова"),
    ("Petrov", "Петров", "Petrova", "Петрова"),
    ("Sokolov", "Соколов", "Sokolova", "Соколова"),
    ("Kuznietsov", "Кузнєцов", "Kuznietsova", "Кузнєцова"),
    ("Novikov", "Новіков", "Novikova", "Новікова"),
    ("Bilyi", "Білий", "Bila", "Біла"),
    ("Chornyi", "Чорний", "Chorna", "Чорна"),
)

STREETS: tuple[str, ...] = (
    "Kerkstraat", "Stationsstraat", "Dorpsstraat", "Molenstraat", "Schoolstraat", "Nieuwstraat",
    "Kapelstraat", "Beekstraat", "Veldstraat", "Kasteelstraat", "Bosstraat", "Hoogstraat",
    "Meersstraat", "Lindenlaan", "Processiestraat", "Heirbaan", "Markt", "Kloosterstraat",
    "Pastorijstraat", "Smidsestraat", "Leopoldstraat", "Koning Albertstraat", "Vijverstraat",
    "Ringlaan", "Industrieweg", "Sportlaan", "Zavelstraat", "Weverstraat", "Brugstraat",
    "Langestraat", "Kouterstraat", "Parklaan", "Sint-Jansstraat", "Veldweg", "Gasthuisstraat",
    "Begijnhofstraat", "Boomgaardstraat", "Berkenlaan", "Eikenlaan", "Populierenlaan",
    "Heidestraat", "Vaartstraat", "Kanaalstraat", "Zandstraat", "Bergstraat", "Hofstraat",
    "Stationsplein", "Kerkplein", "Nieuwe Baan", "Oude Baan", "Steenweg", "Meulenhoek",
    "Rozenstraat", "Tuinstraat", "Wilgenstraat", "Kastanjelaan", "Groenstraat", "Dreef",
    "Hooiweg", "Lindestraat", "Broekstraat", "Statiestraat", "Gemeenteplein", "Pastoor Coplaan",
)  # fmt: skip

SAINTS: tuple[str, ...] = (
    "Jozef", "Vincentius", "Maria", "Martinus", "Jan", "Anna", "Elisabeth", "Franciscus",
    "Catharina", "Barbara", "Godelieve", "Amandus", "Lutgardis", "Rita", "Pieter", "Bavo",
    "Antonius", "Gertrudis", "Rochus", "Victor",
)  # fmt: skip

PLACE_NAMES: tuple[str, ...] = (
    "De Linde", "Ter Heide", "De Wingerd", "Ter Beuken", "De Kaai", "De Vijvers", "Zonneweelde",
    "Hoge Rielen", "De Lilse Bergen", "Het Hooghe", "De Kempen", "Ter Duinen", "De Brem",
    "Het Veld", "De Notelaar", "Ter Meeren", "De Horst", "Het Leen", "De Zonnebloem",
    "De Kastanjes", "Ter Walle", "De Meersen", "Het Groene Woud", "Den Oever", "De Hoeve",
    "Ter Lucht", "De Bremberg", "Het Vinkenhof", "De Schorre", "Ter Hulst",
)  # fmt: skip

FIRE_ZONES: dict[str, tuple[str, ...]] = {
    "antwerpen": (
        "Brandweerzone Antwerpen", "Brandweerzone Rivierenland", "Brandweer Zone Kempen",
        "Hulpverleningszone Taxandria", "Brandweerzone Rand",
    ),
    "limburg": (
        "Hulpverleningszone Zuid-West Limburg", "Brandweerzone Oost-Limburg",
        "Hulpverleningszone Noord-Limburg",
    ),
    "oost-vlaanderen": (
        "Brandweerzone Centrum", "Hulpverleningszone Waasland", "Brandweerzone Vlaamse Ardennen",
        "Brandweerzone Oost", "Hulpverleningszone Meetjesland",
    ),
    "vlaams-brabant": (
        "Brandweerzone Oost Vlaams-Brabant", "Hulpverleningszone Vlaams-Brabant West",
        "Brandweer Zone Vlaams-Brabant Oost",
    ),
    "west-vlaanderen": (
        "Brandweerzone Fluvia", "Hulpverleningszone 1 West-Vlaanderen", "Brandweerzone Westhoek",
        "Brandweerzone Midwest",
    ),
}  # fmt: skip
