"""What the bot answers: reply(text) -> text."""


def reply(text):
    if text.startswith("/start"):
        return "Hello! I am {{project_name}}."
    return text
