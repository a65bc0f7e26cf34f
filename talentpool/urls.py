"""URLs of the talentpool app, mounted under /<language>/talentpool/.

Its pages arrive with their issue; the namespace exists so links and the access table know it.
"""

app_name = "talentpool"
urlpatterns: list = []
