"""allauth adapter: allauth's e-mails go through the portal's outbox like every other mail."""

from allauth.account.adapter import DefaultAccountAdapter

from portal.mail import queue_email


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        message = self.render_mail(template_prefix, email, context)
        queue_email(subject=message.subject, body=message.body, to=message.to)
