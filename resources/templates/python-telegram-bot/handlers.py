"""What the bot answers: reply(text) -> text."""

PROJECT_NAME = {{project_name|py}}


def reply(text):
    if text.startswith("/start"):
        return "Hello! I am %s." % PROJECT_NAME
    return text
