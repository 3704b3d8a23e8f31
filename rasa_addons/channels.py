"""REST and socket.io channels that never answer with silence.

Every trainee message normally gets at least one customer line from the
action server. When the action server is down, Rasa logs the failure and
sends nothing, which to a trainee looks like a hung session. These channels
watch what went out and, if nothing did, say plainly what happened.
"""
from typing import Any, Awaitable, Callable, Dict, Text

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.rest import RestInput
from rasa.core.channels.socketio import SocketIOInput, SocketIOOutput
from sanic import Blueprint

NO_REPLY_MESSAGE = (
    "⚠ The role-play service is not answering right now (the action server is unreachable). "
    "Your message was received and nothing is lost; please try again in a moment.\n"
    "⚠ 陪练服务暂时没有响应(动作服务器无法连接)。您的消息已收到,不会丢失,请稍后再试。"
)


class _WatchedOutput:
    """Wraps an output channel and counts the messages sent through it."""

    def __init__(self, inner) -> None:
        self._inner = inner
        self.sent = 0

    async def send_response(self, recipient_id: Text, message: Dict[Text, Any]) -> None:
        self.sent += 1
        await self._inner.send_response(recipient_id, message)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)


def never_silent(
    on_new_message: Callable[[UserMessage], Awaitable[Any]]
) -> Callable[[UserMessage], Awaitable[Any]]:
    async def handler(message: UserMessage) -> Any:
        inner = message.output_channel
        watched = _WatchedOutput(inner)
        message.output_channel = watched
        try:
            return await on_new_message(message)
        finally:
            if watched.sent == 0:
                await inner.send_response(message.sender_id, {"text": NO_REPLY_MESSAGE})

    return handler


class TrainingRestInput(RestInput):
    """Rasa's REST channel (/webhooks/rest/webhook) with the no-silence guard."""

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        return super().blueprint(never_silent(on_new_message))


class TrainingSocketIOOutput(SocketIOOutput):
    """Rasa's SocketIOOutput sends a custom payload as `sio.emit(event, **payload)`, which only
    works for payloads shaped {"data": ...} (anything else raises TypeError and the reply is
    lost). Send it as one `bot_uttered` event `{"custom": payload}` instead."""

    async def send_custom_json(self, recipient_id: Text, json_message: Dict[Text, Any], **kwargs: Any) -> None:
        await self.sio.emit(self.bot_message_evt, {"custom": json_message}, room=recipient_id)


def socketio_payloads(
    on_new_message: Callable[[UserMessage], Awaitable[Any]]
) -> Callable[[UserMessage], Awaitable[Any]]:
    async def handler(message: UserMessage) -> Any:
        out = message.output_channel
        if isinstance(out, SocketIOOutput) and not isinstance(out, TrainingSocketIOOutput):
            message.output_channel = TrainingSocketIOOutput(out.sio, out.bot_message_evt)
        return await on_new_message(message)

    return handler


class TrainingSocketIOInput(SocketIOInput):
    """Rasa's socket.io channel with the no-silence guard; custom payloads arrive as {"custom": ...}."""

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        return super().blueprint(socketio_payloads(never_silent(on_new_message)))

    def get_output_channel(self):
        out = super().get_output_channel()
        return TrainingSocketIOOutput(out.sio, out.bot_message_evt) if out is not None else None
