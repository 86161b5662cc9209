"""The guarded channels: a turn without a reply still answers, with the firm's phone."""
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage

from connectors.channels import fallback_text, guarded


async def test_silent_turn_gets_the_fallback():
    async def silent(message):
        return None

    out = CollectingOutputChannel()
    await guarded(silent)(UserMessage("hi", out, "s1"))
    assert [m["text"] for m in out.messages] == [fallback_text()]
    assert "(312) 555-0148" in fallback_text()


async def test_crash_gets_the_fallback_not_an_error():
    async def crash(message):
        raise RuntimeError("action server down")

    out = CollectingOutputChannel()
    await guarded(crash)(UserMessage("hi", out, "s1"))
    assert out.messages[0]["text"] == fallback_text()


async def test_normal_turn_is_untouched():
    async def answer(message):
        await message.output_channel.send_response(message.sender_id, {"text": "Hello"})

    out = CollectingOutputChannel()
    await guarded(answer)(UserMessage("hi", out, "s1"))
    assert [m["text"] for m in out.messages] == ["Hello"]


async def test_the_fallback_is_in_the_conversations_language():
    async def crash(message):
        raise RuntimeError("action server down")

    async def spanish(sender_id):
        return "es"

    out = CollectingOutputChannel()
    await guarded(crash, spanish)(UserMessage("hola", out, "s1"))
    assert out.messages[0]["text"] == fallback_text("es")
    assert fallback_text("es").startswith("Lo siento, tengo un problema técnico") and "(312) 555-0148" in fallback_text("es")
    # unknown language: both
    assert fallback_text().startswith(fallback_text("en")) and fallback_text().endswith(fallback_text("es"))
