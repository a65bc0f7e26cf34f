from django import template

from workstation.timezones import datetime_attribute, dual_span, dual_time, workstation_time

register = template.Library()

register.filter("workstation_time", workstation_time)
register.filter("dual_time", dual_time)
register.filter("dual_span", dual_span)
register.filter("datetime_attribute", datetime_attribute)
