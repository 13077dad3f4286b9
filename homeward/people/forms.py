from django import forms


class ImportForm(forms.Form):
    file = forms.FileField(help_text="A UTF-8 CSV file with the header shown above.")

    def clean_file(self) -> str:
        upload = self.cleaned_data["file"]
        if upload.size > 20 * 1024 * 1024:
            raise forms.ValidationError("The file is larger than 20 MB.")
        try:
            return upload.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise forms.ValidationError("The file is not UTF-8 text.") from None


class OfficeForm(forms.Form):
    name = forms.CharField(max_length=100)
    desk_capacity = forms.IntegerField(min_value=0, max_value=100_000, label="Desks")
    timezone = forms.CharField(max_length=64, help_text="An IANA name, e.g. Europe/Dublin.")
    holiday_country = forms.CharField(
        max_length=2,
        label="Public holidays: country",
        help_text="ISO code: GB, IE, NL, ES, PT, US…",
    )
    holiday_subdiv = forms.CharField(
        max_length=10,
        required=False,
        label="Public holidays: region",
        help_text="Where holidays differ by region: ENG, SCT, WLS, NIR for the UK; blank for none.",
    )
