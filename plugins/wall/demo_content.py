"""What demo members write on the wall, per language: posts (some with a photo scene) and comments."""

from __future__ import annotations

__all__ = ["COMMENTS", "POSTS"]

# (text, photo scene or None)
POSTS: dict[str, list[tuple[str, str | None]]] = {
    "fr": [
        ("Petite victoire du jour : **20 minutes de marche** sans douleur à la cheville. La kiné paie !", "hills"),
        (
            "Quelqu'un a des astuces pour dormir quand l'anxiété monte le soir ? J'ai essayé :\n\n"
            "- la cohérence cardiaque\n- couper les écrans à 21 h\n- une tisane\n\nÇa aide, mais pas tous les soirs.",
            None,
        ),
        (
            "Glycémie à jeun dans la cible toute la semaine. "
            "Merci pour vos idées de petit-déjeuner *sans sucre ajouté*.",
            None,
        ),
        ("Journée fatigue aujourd'hui. Je reste au calme avec un livre et un thé, et ce n'est pas grave.", "tea"),
        (
            "Je partage ce guide clair sur l'activité physique au quotidien : "
            "[Manger Bouger](https://www.mangerbouger.fr/bouger-plus). Les idées pour les jours « sans » m'ont aidée.",
            None,
        ),
        ("Balade au bord du lac ce matin. Sortir un peu, même 15 minutes, change ma journée.", "lake"),
        ("Rendez-vous chez la neurologue demain, un peu stressée. Vous préparez vos questions à l'avance ?", None),
        ("Premier cours de yoga doux cette semaine. Je ne pensais pas en être capable !", None),
        ("Recette testée : poêlée de légumes et lentilles. Index glycémique bas et vraiment bon.", "plate"),
        ("Trois mois sans cigarette aujourd'hui. Je mets l'argent économisé de côté pour un week-end.", None),
        ("Les premières fleurs du jardin sont sorties. Ça donne du courage.", "flowers"),
        ("Pour celles et ceux qui débutent : notez vos symptômes chaque jour, ça aide beaucoup en consultation.", None),
    ],
    "en": [
        ("Small win today: a **20-minute walk** with no ankle pain. Physio is paying off!", "hills"),
        (
            "Any tips for sleeping when anxiety kicks in at night? I've tried:\n\n"
            "- breathing exercises\n- no screens after 9 pm\n- chamomile tea\n\nIt helps, but not every night.",
            None,
        ),
        ("Fasting glucose in range all week. Thanks for your *no added sugar* breakfast ideas.", None),
        ("Tired day today. Staying in with a book and a cup of tea, and that's fine.", "tea"),
        ("This NHS page on staying active helped me: [NHS exercise](https://www.nhs.uk/live-well/exercise/).", None),
        ("Walk by the lake this morning. Even fifteen minutes outside changes my day.", "lake"),
        ("Neurology appointment tomorrow and a bit nervous. Do you write your questions down beforehand?", None),
        ("Made a lentil and vegetable stir-fry tonight. Low GI and actually tasty.", "plate"),
    ],
    "de": [
        ("Kleiner Erfolg heute: **20 Minuten spazieren** ohne Schmerzen im Knöchel. Die Physio hilft!", "hills"),
        (
            "Habt ihr Tipps zum Einschlafen, wenn abends die Angst kommt? Ich habe probiert:\n\n"
            "- Atemübungen\n- ab 21 Uhr keine Bildschirme\n- Kräutertee\n\nEs hilft, aber nicht jeden Abend.",
            None,
        ),
        ("Nüchternzucker die ganze Woche im Zielbereich. Danke für eure Frühstücksideen *ohne Zuckerzusatz*.", None),
        ("Müder Tag heute. Ich bleibe mit einem Buch und Tee zu Hause, und das ist in Ordnung.", "tea"),
        ("Spaziergang am See heute Morgen. Schon eine Viertelstunde draußen tut gut.", "lake"),
        ("Morgen Termin bei der Neurologin, ich bin etwas nervös. Schreibt ihr eure Fragen vorher auf?", None),
        ("Linsen-Gemüse-Pfanne ausprobiert: niedriger glykämischer Index und richtig lecker.", "plate"),
    ],
}

COMMENTS: dict[str, list[str]] = {
    "fr": [
        "Bravo, continue comme ça !",
        "Merci pour le partage, ça fait du bien de lire ça.",
        "Pareil pour moi certains jours. Courage !",
        "Je note l'astuce, merci.",
        "Oui, je fais une liste dans mon téléphone avant chaque rendez-vous.",
        "Superbe photo !",
        "Tu as raison, il faut s'écouter.",
        "Moi c'est la marche nordique qui m'a remis en route.",
    ],
    "en": [
        "Well done, keep going!",
        "Thanks for sharing, that's good to read.",
        "Same here some days. Hang in there!",
        "Noting that tip, thank you.",
        "Yes, I keep a list on my phone before every appointment.",
        "Lovely photo!",
    ],
    "de": [
        "Super, weiter so!",
        "Danke fürs Teilen, das tut gut zu lesen.",
        "Geht mir manchmal genauso. Kopf hoch!",
        "Den Tipp merke ich mir, danke.",
        "Ja, ich schreibe mir vor jedem Termin eine Liste.",
        "Schönes Foto!",
    ],
}
