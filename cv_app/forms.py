from django import forms

from cv_app.parsing import MAX_UPLOAD_BYTES


class CVUploadForm(forms.Form):
    file = forms.FileField(
        help_text="PDF or DOCX with selectable text, at most 10 MB. It becomes the active "
        "CV once processed; the current one keeps answering until then."
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError("The file is larger than 10 MB.")
        return upload
