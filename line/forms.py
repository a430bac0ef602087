from django import forms

from .models import UserLink


class UserLinkForm(forms.ModelForm):
    class Meta:
        model = UserLink
        fields = ["line_user_id"]
        widgets = {
            "line_user_id": forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"})
        }
