# Relevés de température de la station météo du collège (en °C)
# Le programme doit afficher la moyenne, la plus haute et la plus basse.
temperatures = [12, 15, 9, 14, 10]

somme = 0
for t in temperatures:
    somme = somme + t

moyenne = somme / 4
plus_haute = max(temperatures)
plus_basse = min(temperatures)

print("Moyenne :", moyenne)
print("Plus haute :", plus_haute)
print("Plus basse :", plus_basse)
