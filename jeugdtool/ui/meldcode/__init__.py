"""The meldcode page: the five steps, Veilig Thuis contacts and verwijsindex signals."""
