"""Agencies (机关): their tree of supervision, departments, staff and roles, and their settings."""
