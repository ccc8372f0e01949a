from django.apps import AppConfig


class PeerSupportConfig(AppConfig):
    name = "alongside.peer_support"
    label = "peer_support"
    verbose_name = "Peer support"
