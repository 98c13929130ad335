from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("name", ["manifest.yml", "manifest-http.yml"])
def test_manifest_declares_what_the_app_handles(name: str) -> None:
    manifest = yaml.safe_load((ROOT / "slack" / name).read_text())
    features, settings = manifest["features"], manifest["settings"]
    assert [c["command"] for c in features["slash_commands"]] == ["/summit"]
    assert features["app_home"]["home_tab_enabled"]
    assert set(settings["event_subscriptions"]["bot_events"]) >= {"app_mention", "message.im", "app_home_opened"}
    assert set(manifest["oauth_config"]["scopes"]["bot"]) >= {
        "app_mentions:read",
        "chat:write",
        "commands",
        "im:history",
    }
    assert settings["interactivity"]["is_enabled"]
    http = name == "manifest-http.yml"
    assert settings["socket_mode_enabled"] is not http
    assert ("request_url" in settings["event_subscriptions"]) is http
