"""Who may do what with briefings: staff write, submit and publish; officials review.

Officials see a briefing once it has been submitted to them; drafts never sent are the staff's
(``MonthlyBriefing.objects.visible_to``: lists and pages, 404 otherwise).
"""

import rules

from workstation.accounts.rules import is_administrator, is_official, is_workstation_staff

is_staff = is_workstation_staff | is_administrator


rules.add_perm("reports", is_staff)  # the admin's app index
rules.add_perm("reports.view_briefings", is_staff | is_official)
rules.add_perm("reports.write_briefing", is_staff)
rules.add_perm("reports.review_briefing", is_official)
# The annual-duties dashboard and its year-end PDF.
rules.add_perm("reports.view_dashboard", is_staff | is_official)
# A PDF that failed or was lost on its way to a worker is tried again by staff.
rules.add_perm("reports.retry_pdfs", is_staff)
for model in (
    "monthlybriefing",
    "briefingitem",
    "reviewcomment",
    "historyentry",
    "briefingpdf",
    "yearendpdf",
):
    rules.add_perm(f"reports.view_{model}", is_staff)
