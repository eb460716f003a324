"""Sessions, agenda items, people and their roles; published agenda revisions (to come)."""
