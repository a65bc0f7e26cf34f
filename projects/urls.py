"""URLs of the projects app, mounted under /<language>/projects/.

Its pages arrive with their issue; the namespace exists so links and the access table know it.
"""

app_name = "projects"
urlpatterns: list = []
