"""How Rolewise's processes are started: settings read from the environment, and the Rasa launcher."""
