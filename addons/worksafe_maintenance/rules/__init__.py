"""Pure rules of the equipment history: which maintenance request a permit writes to, and
which stage it moves to. No ORM here: the models adapt records into these plain values."""
