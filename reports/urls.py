"""URLs of the reports app, mounted under /<language>/reports/.

Its pages arrive with their issue; the namespace exists so links and the access table know it.
"""

app_name = "reports"
urlpatterns: list = []
