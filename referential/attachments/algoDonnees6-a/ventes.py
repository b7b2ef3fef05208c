# Calcule la recette de chaque produit vendu à la kermesse
# et affiche le produit qui a rapporté le plus.
import csv

recettes = {}
with open("ventes.csv", encoding="utf-8") as fichier:
    for ligne in csv.DictReader(fichier):
        produit = ligne["produit"]
        montant = int(ligne["quantite"]) * float(ligne["prix"])
        recettes[produit] = recettes.get(produit, 0) + montant

meilleur = max(recettes, key=recettes.get)
print(meilleur, recettes[meilleur])
