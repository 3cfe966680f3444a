"""Report how many public calls the contract suite made."""

from checks import CALLS


def pytest_terminal_summary(terminalreporter):
    if CALLS[0]:
        terminalreporter.write_line(f"contract suite: {CALLS[0]} public calls")
