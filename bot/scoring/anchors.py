"""The rubric's own examples (shared/RUBRIC.md, ROLEPLAYS.md, and the traps the scorer's
issue names), as extra rows for the combiner and the n-gram model only. The textcat
never sees them; they teach the combiner what the rules' concepts mean where the
labelled data rarely show a concept on its own (an invitation to go on, ownership
without "sorry"), so a held-out set written to the same definitions is scored by the
definitions."""
# each counts as this many labelled replies (3 when train had ~1,000 replies; kept in
# proportion as the data grew, so the rubric's own examples are not drowned out)
ANCHOR_WEIGHT = 8.0

ANCHORS = {
    "en": [
        ("Which shop refused it, and what did the screen say?", ["listening"]),
        ("So the card is new and has failed everywhere since Monday?", ["listening"]),
        ("Standing that long with nobody explaining is maddening.", ["listening"]),
        ("Go on, I'm listening.", ["listening"]),
        ("You spotted our newest blend.", ["listening"]),
        ("So you want the manager.", ["listening"]),
        ("ok", []), ("yes", []), ("Sorry?", []),
        ("Did you bend it?", ["blame"]),
        ("I'll tell you what, it's your fault.", ["blame"]),  # the trap: "I'll" without a commitment
        ("It's not your fault at all.", []),
        ("You must have put it next to your phone.", ["blame"]),
        ("We let you down there, that's on us.", ["apologizing"]),
        ("The chip on cards from that batch was never activated.", ["explaining"]),
        ("I'm reactivating it now and will text you when it's done.", ["committing"]),
        ("A new card goes out by courier today.", ["committing"]),
        ("Go to your branch.", []), ("Please wait.", []), ("We'll try to improve.", []), ("We'll look into it.", []),
        ("Nothing I can do.", ["deflect"]), ("That's not my department.", ["deflect"]), ("It's company policy.", ["deflect"]),
        ("The price is set by head office, complain to them.", ["deflect"]),
        ("Calm down.", ["dismiss"]), ("Take it or leave it.", ["dismiss"]), ("Next!", ["dismiss"]),
    ],
    "zh": [
        ("您今天是要办什么业务?", ["listening"]),
        ("您是说刚办的卡,这几天哪儿都刷不了,对吧?", ["listening"]),
        ("您慢慢说,我听着。", ["listening"]),
        ("您眼光真准,这是刚上市的。", ["listening"]),
        ("对对对,你的眼光真好,一眼就看出这是我们最新的产品。", ["listening"]),
        ("噢,是吗?", ["listening"]),
        ("嗯", []),
        ("你是不是把卡弄弯了?", ["blame"]),
        ("谁让你中午来的?", ["blame"]),
        ("这是我们的失误,给您添麻烦了。", ["apologizing"]),
        ("今天是发工资的日子,来办业务的人特别多。", ["explaining"]),
        ("我现在就带您去3号窗口办理。", ["committing"]),
        ("我们会尽量改进的", []),
        ("这事不归我管", ["deflect"]),
        ("价格是公司定的,我也没办法", ["deflect"]),
        ("对不起,价格是公司定的,我也没办法。", ["apologizing", "deflect"]),
        ("爱买不买", ["dismiss"]),
        ("嚷什么", ["dismiss"]),
    ],
}
