def moyenne(liste):
    return sum(liste) / len(liste)


def mention(m):
    if m >= 16:
        return "TB"
    elif m >= 14:
        return "B"
    elif m >= 12:
        return "AB"
    return "-"


notes = {
    "Lou": [12, 15, 17],
    "Sam": [9, 14, 13],
    "Noé": [16, 18, 13],
    "Ana": [11, 10, 14],
}

for nom, liste in notes.items():
    print(nom, mention(moyenne(liste)))
