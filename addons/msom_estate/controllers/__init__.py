from . import webapp
