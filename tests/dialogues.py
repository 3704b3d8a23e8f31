"""The course's dialogues, typed line by line by the end-to-end tests."""

BAD_HOTLINE_AGENT = {
    "en": [
        "Hello.",
        "I know, go ahead!",
        "Then your card's magnetic strip must be broken, that's why it won't swipe.",
        "Did you keep it next to a magnet? Otherwise this couldn't happen!",
        "Not necessarily, who knows where you put it.",
        "Is that so? Then I have no idea.",
    ],
    "zh": [
        "喂!你好。",
        "我知道,请讲!",
        "那你是不是你的卡的磁条坏了,所以才刷不了呀。",
        "那是不是你的卡与磁铁放在一起呀,否则不可能出现这种问题!",
        "那可不一定,谁知道你把卡放在哪了。",
        "是吗,那我就不清楚了。",
    ],
}

QUEUE_MODEL_ANSWER = {
    "en": [
        "I'm very sorry you've had to wait so long. That's on us, not you.",
        "Today is payday and two of our counters are down for a system update, so the queue moved much slower than usual.",
        "Standing there for twenty minutes with nobody telling you why is really frustrating, I completely understand.",
        "I'll take you to the priority window right now and handle your transaction myself.",
        "Again, I apologize. From tomorrow we will open an extra counter at peak hours so this doesn't happen again.",
        "Thank you for your patience, and for telling us.",
    ],
    "zh": [
        "非常抱歉,让您久等了,这是我们的工作没做好。",
        "今天是发工资的日子,办业务的人特别多,加上有两个窗口在做系统升级,所以排队比平时慢。",
        "您排了二十分钟的队,又没人跟您解释,换谁都会着急,我完全理解。",
        "我现在就带您去贵宾窗口,由我亲自为您办理。",
        "再次向您道歉,从明天起高峰时段我们会加开一个窗口,不再让您久等。",
        "谢谢您的耐心,也谢谢您给我们提意见。",
    ],
}
