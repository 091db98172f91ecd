from django import template

from elections.links import area_path, election_path

register = template.Library()


@register.simple_tag
def election_url(election, name, **kwargs):
    """``{% election_url election "district" district=slug %}``: see ``elections.links``."""
    return election_path(election, name, **kwargs)


@register.simple_tag
def area_url(election, area):
    """``{% area_url election district %}``: a kecamatan's or kelurahan's page for ``election``."""
    return area_path(election, area)
