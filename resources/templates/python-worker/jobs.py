"""What the worker does each round: work() -> None. Keep state in DATA_DIR (os.environ)."""


def work():
    pass
