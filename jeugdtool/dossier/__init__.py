"""The dossier: the case journal, the meldcode with its afwegingskader and the kindcheck, the
contacts with Veilig Thuis and the verwijsindex signals."""
