"""What the demo team writes: answers to the bank's prompts, feedback to each other, and what they try after it.

Each prompt has two answers, as two different people on a support team would write them about their own
week; the spare answers per skill cover a third person who gets the same prompt. demo.script hands them out
so that no one says what someone else already said. Plain text only: no @-mentions, ampersands or angle
brackets (the bot would escape them, and real people rarely type them).
"""

from __future__ import annotations

ANSWERS: dict[str, tuple[str, ...]] = {
    "integrity-01": (
        "A customer asked whether upgrading to Pro would fix his slow exports. The easy answer was yes. The true "
        "one: it's a known bug on every plan, with a fix due next sprint. It cost us the upgrade; I think it kept "
        "the customer.",
        "Easy answer: 'it's been escalated'. Right answer: 'nobody has picked it up yet, I'll chase it by 3pm and "
        "email you either way'. I gave the second. It cost me an awkward minute and saved a third angry email.",
    ),
    "integrity-02": (
        "A café owner was about to buy a second card reader for a back room she uses twice a month. I showed her "
        "the phone app does the same job for free. She bought nothing, and sent a friend our way a week later.",
        "Yes, on Tuesday. He wanted the annual plan so he could 'stop worrying about it', but he only needs us at "
        "tax time. I suggested three months on the monthly plan instead. He sounded surprised, then relieved.",
    ),
    "integrity-03": (
        "I'd put the wrong renewal date in an email, a week too late. She hadn't spotted it. I wrote again with the "
        "right date and a one-line apology. Hard only because it drew attention to my mistake; easy once I "
        "pictured her being charged without warning.",
        "I applied a refund to the wrong order, same amount, so the customer never knew. I fixed it and told him "
        "anyway, because his accountant would have found it. Telling him was easy; admitting it to myself took a "
        "minute.",
    ),
    "integrity-04": (
        "I told a customer the replacement would 'definitely' arrive by Friday, with no idea what the courier was "
        "doing that week. Next time: 'It's booked for Friday. I'll check the tracking on Thursday morning and tell "
        "you if anything changes.'",
        "'I'll get engineering to look at it today.' I can't make engineering do anything. What I can promise is to "
        "raise it today and tell her what they said. That's what I'll say next time.",
    ),
    "integrity-05": (
        "One of our night-shift colleagues rereads every macro before she sends it and edits the bits that don't "
        "fit. Nobody would ever know if she didn't. I'm borrowing the habit of reading it through once, as the "
        "customer would.",
        "Tomás in billing writes every workaround he gives a customer into the ticket, even once it's solved, so "
        "the next person isn't left guessing. I've started doing the same on my refunds.",
    ),
    "integrity-06": (
        "Marking a ticket solved the moment I've sent the fix, without waiting to hear that it worked. The customer "
        "loses the easy way back to me: they have to open a new ticket and start again from zero.",
        "Pasting the password-reset macro without reading the whole message. Twice this month the reset wasn't "
        "the problem at all. The customer loses a day, and gets the feeling nobody read what they wrote.",
    ),
    "integrity-07": (
        "Our policy is no refunds after 30 days. A customer on day 34 had spent most of that month in hospital. I "
        "asked my lead for an exception and got it. I'd do it again, and I'd ask sooner rather than keep him "
        "waiting while I worried about it.",
        "He wanted his data deleted but a copy first, and the deletion form doesn't allow both. I walked him "
        "through the export, then sent the form. Twenty minutes instead of two, and worth it.",
    ),
    "integrity-08": (
        "Someone asked whether our API limits reset on the hour or over a rolling hour. I said I wasn't sure and "
        "didn't want to guess, asked the developers, and came back within the hour. He said he'd take that over a "
        "confident wrong answer he'd have built on.",
        "On a call yesterday: 'I don't know, and I'd rather check than guess.' A pause, then she laughed and said "
        "her last three agents had all guessed differently. I found it in the release notes while she waited.",
    ),
    "integrity-09": (
        "An elderly customer had struggled for ages to set up automatic payments. The ticket was closed, but on "
        "the next billing day I checked that the payment had gone through. It had, and I sent him a two-line note "
        "to say so.",
        "A shop whose orders had been stuck for two days. Closed on Friday, but I looked again on Monday morning "
        "because their big sale ran over the weekend. All flowing. What made me go back was how panicked the owner "
        "had sounded.",
    ),
    "integrity-10": (
        "The one where I told a customer we weren't the right tool for what she wanted and pointed her to one that "
        "was. It felt odd at the time. Read out loud, I think it would sound like the most useful thing I did all "
        "week.",
        "Thursday's call with the man whose account had been hacked. I kept him on the line while we locked it "
        "down and explained every step. He was shaking at the start and making jokes by the end.",
    ),
    "value-01": (
        "She only asked how to change her billing address. I noticed her card expires next month, mentioned it, "
        "and showed her where to update it. That saves her a failed payment.",
        "A customer asked where to find last year's invoices. I sent the link, plus how to turn on the monthly "
        "invoice email so she never has to go looking for them again.",
    ),
    "value-02": (
        "That you can drag a whole folder into the uploader instead of picking files one by one. He had been "
        "uploading 200 photos individually. He said I'd given him his evening back.",
        "The keyboard shortcut for search. Tiny thing, but she lives in the dashboard all day, and she wrote back "
        "'why did nobody tell me this before?'",
    ),
    "value-03": (
        "Password resets. One line on turning on two-step login would stop a lot of the repeat resets we get from "
        "the same people every month.",
        "'Where is my order?' If I include the courier's own tracking link, not just ours, they get live updates "
        "without needing to contact us again.",
    ),
    "value-04": (
        "A customer asked whether we ship to Norway. I said yes. Correct. One more sentence about customs charges "
        "would have saved the complaint he sent two weeks later.",
        "I wrote 'that feature is on the roadmap' and stopped there. I could have offered the workaround three "
        "other customers are using in the meantime.",
    ),
    "value-05": (
        "The newest person on our team always ends with 'is anything else slowing you down today?' Half the time "
        "there is, and it's quick. Her customers leave with two problems solved instead of one.",
        "A senior colleague explains the why behind a fix in one sentence, so customers can sort it themselves "
        "next time. Her tickets don't come back.",
    ),
    "value-06": (
        "A small charity was paying for five seats and only two people ever logged in. I showed the admin the "
        "usage page and helped her drop to two. About 600 euro a year saved, and she thanked me twice.",
        "A customer was exporting reports by hand every Monday morning. We set up a scheduled export together on "
        "the call. She reckons it saves her an hour a week.",
    ),
    "value-07": (
        "'How do I delete my account?' Often it means 'this costs too much' or 'I can't make it work'. Next time "
        "I'll ask what made them decide before I send the steps.",
        "'Can I add another user?' usually means a team is growing and nobody has set up roles yet. I can point "
        "them to the roles guide before they hit the mess.",
    ),
    "value-08": (
        "A customer on his phone at a departure gate only needed to know his booking was confirmed: 'Yes, it's "
        "confirmed, and the confirmation is in your email.' Anything more was noise. I judged it from his first "
        "message: three words, no greeting.",
        "A nurse between shifts with a login problem. I sent two steps and nothing else, and said the longer "
        "explanation would follow by email. She replied with a thumbs up.",
    ),
    "value-09": (
        "The one-page setup checklist the onboarding team made. I found it in the shared drive by accident. The "
        "late shift don't seem to know it exists, so I'll post it in our channel.",
        "The status page's subscribe link. Customers who subscribe stop writing 'is it down?' at every outage. I "
        "picked it up from a colleague in the New York office.",
    ),
    "value-10": (
        "He wanted a refund for a plan he'd used all year. I couldn't do that, but I could move him to the "
        "cheaper plan from today and show him how to export his data if he decided to leave. He stayed.",
        "We can't recover files deleted more than 30 days ago. What I could give her was a clear answer today "
        "instead of false hope, and the backup setting so it never happens again.",
    ),
    "journey-01": (
        "He'd spent an hour in our help centre and tried three of the articles before writing in. So I skipped "
        "the basics and opened with 'you've clearly tried a lot already, let's look at what's different about "
        "your setup.'",
        "She had been charged twice and found out from her bank, not from us. Her first message was angry because "
        "nobody seemed to have noticed. Starting with 'we should have caught this before you did' changed the tone "
        "at once.",
    ),
    "journey-02": (
        "Four contacts about the same missing parcel, four different agents, each asking for the order number "
        "again. From her side we were a wall. I took it on, gave her my name, and kept every update in one "
        "thread.",
        "He reported the same sync error by email, then chat, then on social media. Each time he was told it was "
        "fixed. From his side, we kept saying it was fixed while it kept breaking.",
    ),
    "journey-03": (
        "Connecting their bank account. The screen says 'this may take a few minutes' and some banks take a day. "
        "I think it feels like something is broken and nobody warned them.",
        "The import. They've kept a spreadsheet for years and our importer rejects it with a vague error. It must "
        "feel like we're telling them their own records are wrong.",
    ),
    "journey-04": (
        "She told me her online shop had just passed its hundredth order. I said congratulations and asked what "
        "had made the difference. She talked for five minutes; I think she mostly wanted someone to be pleased "
        "with her.",
        "Almost as an aside, he said he'd finally moved his whole team over to us. I stopped and said that was a "
        "big job done. He said it had taken him three months of evenings.",
    ),
    "journey-05": (
        "That she wasn't after a refund; she wanted to know it wouldn't happen again. Two agents before me had "
        "offered money. I explained what had gone wrong and what we'd changed.",
        "That his problem wasn't the app crashing, it was losing twenty minutes of notes every time it did. Once I "
        "got that, I showed him autosave first and looked at the crash second.",
    ),
    "journey-06": (
        "After fixing her login, I realised she'd have to reconnect her calendar too, which trips everyone up. I "
        "added those two steps to my reply before she found out the hard way.",
        "A customer cancelling because her company is closing down. I thought about what she'd need next: "
        "invoices for the accountant and an export of her data. I sent both links before she asked.",
    ),
    "journey-07": (
        "Our onboarding team sees customers in their first two weeks, when everything is new. I learned from them "
        "that most of our 'how do I' tickets in month three go back to one skipped setup step.",
        "The sales engineer who runs the demos knows what customers were promised before they ever reach us. I'd "
        "like to sit in on one of his demos and hear it for myself.",
    ),
    "journey-08": (
        "A ticket about changing a delivery address. When I asked why, she was moving out after a break-up and "
        "had three orders heading to the old flat. We sorted all three, not just the one.",
        "He wrote in about one failed invoice. I asked whether anything else looked odd: half his clients hadn't "
        "been billed this month. His payment connection had been broken for weeks.",
    ),
    "journey-09": (
        "I'd put the order lookup before the contact form, not after it. A customer today filled in the whole "
        "form, waited two hours, and the answer was on the tracking page.",
        "Let people say how urgent it is when they first write in. This week a shop that couldn't take payments "
        "waited a day in the normal queue.",
    ),
    "journey-10": (
        "Three weeks of emails, two callbacks that never happened, and a chatbot that kept sending the same "
        "article. By the time she reached me she just wanted a person who would stay until it was done.",
        "He'd been on hold for forty minutes and then cut off. His first words to me were about the hold, not the "
        "problem. I apologised for that first and didn't rush to the fix.",
    ),
    "self_awareness-01": (
        "Staying calm when a customer raised his voice. I knew it was working because after a minute or so he "
        "slowed down to match me.",
        "Explaining technical things simply. She repeated my explanation back in her own words, and got it right, "
        "which is how I know it landed.",
    ),
    "self_awareness-02": (
        "I was tired on Tuesday afternoon and my replies got shorter and shorter. One customer asked whether he'd "
        "done something wrong. That was my cue to take five minutes away from the queue.",
        "I came off a great call in a great mood and joked with the next customer, who was in no mood for jokes. "
        "She went quiet, and I had to work to get the conversation back.",
    ),
    "self_awareness-03": (
        "Best: billing disputes, I like untangling them. Put off: anything involving the API, because I'm afraid "
        "of looking clueless. Which probably means I should ask for an hour with someone technical.",
        "I'm good with long-standing customers who know the product, and I put off first-timers who are confused "
        "about everything, because they take longer. They're the ones who most need the patience.",
    ),
    "self_awareness-04": (
        "Probably 'heads down and hard to reach'. I'd rather be described as calm and still around for a quick "
        "question.",
        "Honestly, a bit snappy in the team channel. Patient with customers, short with colleagues. Not how I want "
        "to come across.",
    ),
    "self_awareness-05": (
        "I led with the policy before I'd heard her out, because I'd seen similar tickets. She felt brushed off "
        "from the first minute, and that part was me, not her.",
        "I assumed he was technical because of his job title and used jargon. He got more and more frustrated and "
        "I didn't notice until he said so.",
    ),
    "self_awareness-06": (
        "The last hour before lunch, with password resets. I could do the resets first thing and keep the harder "
        "tickets for when I'm fresh.",
        "Customers who answer every message with a new question. Asking at the start 'what else is on your list?' "
        "helps me plan for all of it instead of getting irritated.",
    ),
    "self_awareness-07": (
        "'As per my previous email.' It helps me feel right and doesn't help the customer at all. I'm replacing "
        "it with the key line from that email, pasted in.",
        "Numbering the steps in every reply. That one mostly helps them: they can say 'step 3 didn't work'. It stays.",
    ),
    "self_awareness-08": (
        "I answered a new colleague's question in the team channel with 'fine'. Later she said she thought I was "
        "annoyed with her. I wasn't, just busy. I went back and explained, and now I add a few words.",
        "In a handover I called a colleague's case 'a mess'. He heard it as criticism of him. It wasn't meant that "
        "way, and I told him so directly.",
    ),
    "self_awareness-09": (
        "Writing shorter emails. Customers answer faster and ask fewer follow-up questions: my average thread has "
        "gone from five messages to about three.",
        "Saying no kindly. Six months ago I'd promise things just to end a call on a good note. Now I say what I "
        "can do, and fewer cases come back.",
    ),
    "self_awareness-10": (
        "I'm good on the phone and slow in writing; a teammate is the other way round. Last week she drafted a "
        "complaint reply from my call notes, and it was better than either of us would have managed alone.",
        "A colleague who spots patterns across tickets, where I see one customer at a time. She noticed that my "
        "three 'random' errors were the same bug.",
    ),
    "listening-01": (
        "Her first sentence was 'how do I cancel?'. Then, almost in passing: 'the reports never match my bank.' "
        "That was the real issue. We fixed the reports and she stayed.",
        "He opened with a complaint about our new logo, of all things. Then he said he couldn't find the button "
        "he used every day. The redesign had moved it.",
    ),
    "listening-02": (
        "On a call about a failed payment I was already typing the card-update steps when she said the card was "
        "fine and her bank had approved it. I'd missed that the problem was on our side.",
        "In chat I started drafting while his messages were still coming in. The third one changed everything: it "
        "only happened on his work laptop. I binned the draft.",
    ),
    "listening-03": (
        "I assumed a customer with a company email was an admin. She wasn't, so every option I described was "
        "greyed out for her. She said 'I don't have that button' twice before I heard it.",
        "I took a short, blunt email for an angry customer. On the phone he was perfectly friendly: English is "
        "his third language and he keeps it brief.",
    ),
    "listening-04": (
        "'I've tried everything.' Not the words about the error, just that. It told me she felt stupid and was "
        "close to giving up.",
        "'Again.' As in 'it's broken again'. One word carrying weeks of frustration.",
    ),
    "listening-05": (
        "The colleague next to me never says 'I know' while a customer explains, even when she does. She lets "
        "them finish, then says back the one detail that matters.",
        "He takes notes on paper during calls and reads the customer's own words back to them. People relax when "
        "they hear themselves quoted correctly.",
    ),
    "listening-06": (
        "This morning: 'So the invoice is right, but the email with it goes to your old address?' He said "
        "'exactly', and I stopped digging through the invoice settings, which is where I was heading.",
        "On a call I said: 'Let me check I've got it: it works on wifi but not on mobile data.' She said 'no, the "
        "other way round.' That saved us a good ten minutes.",
    ),
    "listening-07": (
        "The queue counter in the corner of my screen. When it turns red I start half-listening. I've moved that "
        "window to my second screen during calls.",
        "My own opinion that the customer has got it wrong. I quiet it by writing down their exact words, which "
        "slows me down enough to hear them.",
    ),
    "listening-08": (
        "She talked for ten minutes about delays, refunds and a rude email. The one thing: her daughter's birthday "
        "present wouldn't arrive in time. Once I said that back to her, she stopped repeating herself.",
        "A lot about the bug, the workaround and our competitors. Underneath it: 'I look bad in front of my boss "
        "because I recommended you.'",
    ),
    "listening-09": (
        "He mentioned he was 'off on holiday Friday, so no rush'. I caught it, and made sure the fix was in by "
        "Thursday rather than 'next week'.",
        "She said in passing that a colleague had the same problem. I only caught it when I reread the chat later, "
        "so I emailed to offer help to the colleague too.",
    ),
    "listening-10": (
        "Closing my email during calls. It worked today until a long call, when I opened it again out of habit. "
        "Half a success.",
        "Writing the customer's question at the top of my notes before I reply. It stops me answering the question "
        "I expected instead of the one they asked. Today it caught one.",
    ),
    "questioning-01": (
        "'What would it look like if this was working perfectly?' He went from 'it's all wrong' to three specific "
        "things. It worked because he didn't have to explain what was broken, only what he wanted.",
        "'When did you last see it working?' It gave us a date, and the date matched one of our updates. Vague "
        "turned specific in one answer.",
    ),
    "questioning-02": (
        "She asked 'can I get my money back?' and I explained the refund process. She meant the credit left on her "
        "account from a cancelled order. Three messages wasted on both sides.",
        "'The sync isn't working.' I sent the calendar sync steps; he meant contacts. I should have asked which sync.",
    ),
    "questioning-03": (
        "'So if I fix this, is everything working for you again?' Yesterday he said 'no, there's also the "
        "export', which I'd never have guessed.",
        "'What were you doing just before it happened?' Last week it turned a 'random' error into a clear "
        "pattern in one reply.",
    ),
    "questioning-04": (
        "'Which browser are you on?' It was an old one on a shared library computer, and it took us six emails to "
        "find that out.",
        "'Is this for you, or are you setting it up for someone else?' She was setting it up for her father, and "
        "half my instructions assumed she could see his screen.",
    ),
    "questioning-05": (
        "I asked what they'd do if the export took a day instead of a minute. He stopped and said they only need "
        "it weekly. We scheduled it, and the 'urgent' bug wasn't urgent any more.",
        "'What would you tell a new colleague to do when this happens?' She realised her team had been working "
        "around the issue for months without ever reporting it.",
    ),
    "questioning-06": (
        "I end with one specific question instead of 'does that make sense?'. This week: 'Can you see the green "
        "Connected label now?' A yes or a no tells me far more.",
        "I ask them to send a screenshot of what they see after step two. It's the written version of hearing a "
        "pause: I can see exactly where they stopped.",
    ),
    "questioning-07": (
        "'What have you already tried, so I don't make you do it twice?' It respects their time and gets me the "
        "history quickly.",
        "Our team lead asks 'what's the worst part of this for you?' Customers often answer with something nobody "
        "had thought to fix.",
    ),
    "questioning-08": (
        "I asked 'what were you hoping would happen when you clicked that?' instead of 'did you click Save?'. The "
        "answer showed the button label was misleading, and I've sent that to the product team.",
        "'Tell me how your team uses the reports.' It opened a ten-minute conversation and a much better fix than "
        "the one she'd asked for.",
    ),
    "questioning-09": (
        "He snapped 'why do you need to know all this?'. I said I wanted to fix it once rather than send him three "
        "guesses. He answered everything after that.",
        "She thought my questions meant I didn't believe her. I explained that her answers decide which team can "
        "fix it fastest. It helped to say that out loud.",
    ),
    "questioning-10": (
        "'Could you try it once more now, while I'm here?' Last time it turned out to be only half fixed, and we "
        "sorted the rest on the same call.",
        "'Is there anything about this that's still going to bother you tomorrow?' He said the duplicate emails. "
        "Closing it there would have meant a new ticket by morning.",
    ),
    "empathy-01": (
        "She was upset about a late delivery. I imagine she'd already had to explain to her own customer why "
        "their order wasn't there: we were the second hard conversation of her day, not the first.",
        "A teacher writing at 11pm after a full day, trying to set up class accounts for the morning. No wonder "
        "she was short with me.",
    ),
    "empathy-02": (
        "A man closing his late wife's account. I thought about him all afternoon. A walk at lunch helped, and "
        "talking it through with a teammate helped more.",
        "A customer who called me useless. It stayed with me for an hour. Next time I'll write down one thing I "
        "did well on the call before I take the next one.",
    ),
    "empathy-03": (
        "I said 'I'd be annoyed too if I'd been charged twice.' It sounded genuine because it was: I would be.",
        "I typed 'I understand your frustration', then deleted it because it reads like a script, and wrote 'Two "
        "weeks without your invoices is a long time to wait' instead.",
    ),
    "empathy-04": (
        "He thinks we should refund a whole year for a two-day outage. From his side: those were his two busiest "
        "days of the year, and he lost orders he'll never get back.",
        "She wants a phone call instead of emails. From her side: she tried email, it took four days, and a call "
        "feels like someone is actually doing something.",
    ),
    "empathy-05": (
        "I stand up, refill my water, and read the next ticket from the top before replying. Ninety seconds, but "
        "the next person gets me rather than the last call.",
        "I write one line in the ticket about how the call went, then close it. Once it's written down I don't "
        "carry it into the next conversation.",
    ),
    "empathy-06": (
        "A very polite email, but she asked three times whether her data was safe. I noticed the repetition and "
        "answered that question first, in plain words, before anything else.",
        "He kept saying 'no worries, whenever', but that account is his whole shop. I gave him a time rather than "
        "a 'soon', and he thanked me for it more than for the fix.",
    ),
    "empathy-07": (
        "A colleague of mine says the customer's name, once and slowly, when they're shouting. It seems to reach "
        "them. Afterwards she makes a cup of tea and doesn't talk about it.",
        "She separates the person from the problem out loud: 'this situation is awful, let's fix it.' She never "
        "defends herself, and she leaves it at work.",
    ),
    "empathy-08": (
        "A customer swore at me over a late refund and I answered in a cold, formal tone. Correct, but cold. Next "
        "time I'd wait a minute and answer the worry, not the swearing.",
        "He blamed our team for his own mistake and I got defensive and over-explained. Next time: acknowledge, "
        "fix it, and leave out who did what.",
    ),
    "empathy-09": (
        "My broadband was down for a week. The one agent who helped said 'I'll call you tomorrow at 10 whatever "
        "happens', and did. It was still broken, but I stopped feeling ignored.",
        "An airline agent read me the policy three times and made me feel stupid. The next one said 'that's a "
        "rubbish situation, let me see what I can do'. She got me nothing more, and I still felt better.",
    ),
    "empathy-10": (
        "'Unfortunately, that's our policy.' I say what I can do instead: 'That one isn't possible, but here's "
        "what I can do today.'",
        "'Calm down' and 'as I said'. Instead I say 'let me make sure I've got this right' and repeat their point.",
    ),
    "responsiveness-01": (
        "I said 'by the end of tomorrow' for a billing correction. Realistic, and met with an hour to spare. I'd "
        "padded it by half a day, which I'm learning to do.",
        "I said 'within the hour' for a callback, then got pulled into a long call. At 55 minutes I messaged to "
        "say it would be 30 more. I met the new time, not the first one.",
    ),
    "responsiveness-02": (
        "A refund sat for three days because it needed a lead's approval and nobody knew whose it was. A named "
        "owner on the ticket from the start would have moved it.",
        "A bug report waited a week because I was waiting for the customer's logs and never chased them. A "
        "reminder for day two would have moved it.",
    ),
    "responsiveness-03": (
        "Yesterday: 'Still investigating, nothing new yet, next update at 2pm.' She replied 'thanks for not "
        "leaving me hanging'.",
        "I told a shop owner we'd found the cause but not the fix yet. He said it was the first time in a week he "
        "felt it was moving.",
    ),
    "responsiveness-04": (
        "Hunting for the right macro. If I pin my ten most-used ones I'll save a minute on most tickets.",
        "Waiting for a second opinion before sending anything slightly unusual. I could send a holding reply while "
        "I wait, instead of going silent.",
    ),
    "responsiveness-05": (
        "A shop whose checkout went down on a Saturday. I sent the quick workaround first, taking card payments by "
        "hand, then worked on the real fix. My rule: what stops the bleeding?",
        "She was about to walk into a meeting and needed one number from a report. I sent the number in one line "
        "and the explanation afterwards.",
    ),
    "responsiveness-06": (
        "I promised a Friday update on a bug and it happened, because I set the reminder while we were still on "
        "the call. Nothing got in the way, for once.",
        "I promised a callback on Tuesday and remembered on Wednesday. I'd written it on a sticky note that ended "
        "up under my keyboard. Calendar from now on.",
    ),
    "responsiveness-07": (
        "Her updates are three lines: what we know, what we're doing, when she'll write next. Even 'no news' gets "
        "a message at the time she promised.",
        "He updates customers before they have to ask, even if it's just 'still on it, next update Thursday'. His "
        "long cases get far fewer angry follow-ups.",
    ),
    "responsiveness-08": (
        "He needed a data export by Monday for an audit; engineering said Wednesday. I told him on Friday rather "
        "than Monday, and offered a partial export in the meantime. Not happy, but not surprised either.",
        "She wanted the refund before her trip, and the bank takes five days. I told her straight away and sent a "
        "confirmation she could show her bank. She took it better than I expected.",
    ),
    "responsiveness-09": (
        "A 'waiting on me' label, and a look at it every day at 4pm. This week one slipped because I'd labelled it "
        "wrong.",
        "I end each day by reading the three oldest tickets in my queue, whatever their status. On Wednesday it "
        "caught a forgotten one.",
    ),
    "responsiveness-10": (
        "I answered a refund question in thirty seconds and applied it to the wrong order. The right balance was "
        "another thirty seconds to check the order number.",
        "I rushed a reply to clear the queue before lunch and answered the previous ticket's question. Two minutes "
        "of care would have saved a day of confusion.",
    ),
    "feedback-01": (
        "A customer said my emails are 'friendly but long'. I'm keeping the friendly part and putting the answer "
        "in the first line.",
        "A colleague told me I interrupt customers when I'm sure I know the answer. I'm going to count to two "
        "before I speak.",
    ),
    "feedback-02": (
        "My lead said I sound bored on calls. It stung for a day. Then I listened to a recording and she was "
        "right. I take calls standing up now, and it sounds completely different.",
        "A review called me 'robotic'. Once the sting passed I reread my replies, and they were all macro. I now "
        "rewrite the first line of every macro in my own words.",
    ),
    "feedback-03": (
        "I asked the teammate who sat in on my call how I'd handled the angry customer. She said I apologised so "
        "often it sounded like I didn't believe my own fix.",
        "I asked my lead after a complicated refund. She said my notes were great, but the customer needed the "
        "timeline earlier in the call.",
    ),
    "feedback-04": (
        "'Your team never reads my emails properly.' Unfair as a whole, but the useful part was true: we asked him "
        "for his account number three times in one thread.",
        "A customer said we were 'hiding behind policy'. Rude, but useful: we never explained why the policy "
        "exists. Now I add one sentence on the why.",
    ),
    "feedback-05": (
        "A teammate on the early shift. She's specific: 'that second paragraph confused me' rather than 'good "
        "job'. I've never properly thanked her. I will today.",
        "My lead, because it's always one thing to keep and one to change, never five. I thanked her on Friday "
        "and she seemed surprised.",
    ),
    "feedback-06": (
        "Explain. When a colleague said my handover was unclear, I started explaining what I'd meant before she'd "
        "finished. I'm practising 'thanks, show me where' first.",
        "Defend, honestly. A customer said I'd been rude, and my first thought was that he'd been rude first. Then "
        "I reread my message, and it was curt.",
    ),
    "feedback-07": (
        "A customer thanked me for 'not making him feel stupid'. What I did: I said 'that button is hard to find, "
        "lots of people miss it'. I can say that to anyone who's struggling.",
        "A colleague said my handover notes are the best on the team. What she valued was the 'what I'd try next' "
        "line at the end. Easy to keep doing.",
    ),
    "feedback-08": (
        "How I handle refund refusals. I'd like someone from another team to read five of them; I'll ask someone "
        "in billing this week.",
        "My phone manner with really angry customers. I'll ask my lead whether she can listen in on a couple of "
        "calls on Thursday.",
    ),
    "feedback-09": (
        "My lead said I spend too long on each ticket. I still think quality matters more, but it's true that I "
        "over-explain the simple ones.",
        "A customer said we should answer within five minutes. Unrealistic, but the true part: he never knew how "
        "long it would take. We can tell people that.",
    ),
    "feedback-10": (
        "A customer sent a long email about what confused her in our setup guide. I thanked her and, a week later, "
        "sent her the updated guide with her suggestions in it.",
        "I told a teammate exactly what I changed after her feedback and how the next call went. I think that "
        "means more than a thank-you.",
    ),
}

#: A third (fourth, fifth) person answering a prompt someone already answered that week writes one of these.
SPARE: dict[str, tuple[str, ...]] = {
    "integrity": (
        "I told a customer straight that the bug was ours, not his setup. It would have been easy to let him keep "
        "checking his settings.",
        "I didn't promise a date I couldn't control. I told her what I'd do today and when she'd hear from me next.",
        "A customer offered a good review if I waived a fee. I said I couldn't trade one for the other, then "
        "waived it anyway, because the fee was our mistake.",
    ),
    "value": (
        "With the fix, I sent the two-minute video that shows how to avoid the problem next time.",
        "I noticed he was on an old plan that costs more than the new one for the same features, and told him.",
        "I added the status page link so she can check for herself next time instead of waiting on us.",
    ),
    "journey": (
        "I read the whole thread before replying: she'd been passed between three teams. I opened by saying I'd "
        "stay with it until it was done.",
        "I asked what she needed to get done by Friday. The bug mattered less than the deadline behind it.",
        "He'd found us through a friend and was nervous about switching, so I slowed right down and walked him "
        "through his first week.",
    ),
    "self_awareness": (
        "I noticed I talk faster when I'm unsure. Today I slowed down on purpose, and the customer asked fewer "
        "questions.",
        "I get impatient at the third 'quick question' in one chat. Naming that to myself helped me stay friendly.",
        "I'm better in the mornings, so I've started keeping the hardest tickets for before lunch.",
    ),
    "listening": (
        "I waited a full second after the customer stopped talking. She added the detail that solved it.",
        "I stopped scanning the ticket for keywords and read it like a letter. The real problem was in the last line.",
        "On a call I switched off my second screen, and heard the sigh before 'it's fine'. It wasn't fine.",
    ),
    "questioning": (
        "I asked 'what does done look like for you?' before starting, and it saved a round of back-and-forth.",
        "'Which device?' would have saved three emails last week. Today I asked it first.",
        "Before closing, I asked whether anything else was still bothering her. There was, and it took two minutes.",
    ),
    "empathy": (
        "I said out loud that a wasted afternoon is a real cost before I talked about the fix. She softened at once.",
        "After a tough call I took two minutes before opening the next ticket, so the next customer got a fresh start.",
        "He was worried about his team's reaction, not the error itself. I answered the worry first.",
    ),
    "responsiveness": (
        "I sent a holding reply within ten minutes with a real time for the full answer, and kept to it.",
        "I gave a realistic 'Thursday' instead of an optimistic 'tomorrow', and delivered on Wednesday.",
        "I chased a case nobody had updated for two days, before the customer had to.",
    ),
    "feedback": (
        "A teammate said my replies bury the answer. Today the answer went in the first line of every email.",
        "I asked a customer what would have made the setup easier. She had three good ideas, and I passed them on.",
        "My lead suggested I ask more before I solve. I tried it on two chats, and both went faster.",
    ),
}

#: The quiet weeks before the one shown: private inline answers, stored and counted but never printed.
EARLIER: dict[str, tuple[str, ...]] = {
    "integrity": (
        "I told a customer the cheaper plan was enough for them, even though it cost us the upsell.",
        "I admitted our delay instead of blaming the courier. They thanked me for being straight.",
    ),
    "value": (
        "I added a tip on exporting their data, which they hadn't asked for but clearly needed.",
        "Before closing, I checked whether anything else was slowing them down. There was.",
    ),
    "journey": (
        "I read the whole ticket history first: it was their third contact, so I started with that.",
        "I asked what they were trying to get done this week, not just what was broken.",
    ),
    "self_awareness": (
        "I noticed I rush when the queue is long. Today I slowed down on purpose for two chats.",
        "My short replies read as cold. I added one line of context and the tone changed.",
    ),
    "listening": (
        "I let the customer finish before answering. The real problem was in their last sentence.",
        "I summarised what I heard and got it wrong the first time, which saved us both an hour.",
    ),
    "questioning": (
        "I asked what they had already tried before suggesting a fix. That saved three emails.",
        "One clarifying question turned a refund request into a simple settings change.",
    ),
    "empathy": (
        "An angry caller was really worried about a deadline. Naming that calmed the whole call.",
        "I took a break after a hard call instead of carrying it into the next one.",
    ),
    "responsiveness": (
        "I gave a realistic time for the fix instead of 'soon', and we met it.",
        "I replied within the hour with a partial answer rather than waiting for the full one.",
    ),
    "feedback": (
        "A teammate said my macros sound robotic. I rewrote two of them today.",
        "I asked my lead what to change in my escalations and tried it on the next one.",
    ),
}

#: "Keep doing" feedback from one teammate to another, each about something specific they saw.
FEEDBACK: tuple[str, ...] = (
    "The way you summarised the customer's problem before answering made that whole call easy to follow.",
    "You stayed calm with this morning's escalation and still gave the customer a clear next step.",
    "Your handover note on the refund case was so complete I didn't need to ask the customer anything again.",
    "You asked what they had already tried before suggesting anything, so they didn't have to repeat themselves.",
    "You told the customer honestly when the fix would land, and then it did. That's how trust gets built.",
    "You spotted that the real problem was the invoice, not the login. Great listening.",
    "Thanks for jumping on the chat queue when it spiked at lunch. You kept the wait under five minutes.",
    "Your reply about the missing parcel was kind without being over the top. I've saved it as an example.",
    "You explained the API limits to a non-technical customer without a word of jargon. I learned something too.",
    "I liked that you said 'let me check' rather than guessing on that tax question. Your answer was spot on.",
    "You turned a one-star complaint into a thank-you email. I read the thread: it was the apology in line one.",
    "The delivery-delay macro you rewrote sounds like a person now. Customers reply 'thanks' instead of 'why'.",
    "You followed up on the hospital-stay refund without anyone asking. That customer will remember it.",
    "Your notes on the sync bug let engineering reproduce it in ten minutes. That's rare.",
    "You updated the customer every day on that long case, even when there was no news. It showed.",
    "You slowed right down for the elderly caller and never once sounded impatient.",
    "You checked the order history before answering the angry email and found the double charge first.",
    "Posting the status page link in the channel during the outage cut our incoming tickets in half.",
    "You said no to that refund with a real alternative, and the customer left happy. I'm borrowing your words.",
    "You caught that the customer was setting it up for someone else, and changed every step to fit.",
    "Your questions on the bank connection call were short and in the right order: cause found in three minutes.",
    "You took that angry caller off my hands when I was struggling, without making me feel bad about it.",
    "You gave the shop owner a time, not a 'soon', and called back on the dot. He mentioned it in his review.",
    "Your answer to the data-protection question was precise and linked the policy. Nothing left to ask.",
    "You noticed the customer's card was about to expire and said so. Small thing, one failed payment saved.",
    "Thank you for reading my draft to the complaints team. Your one suggestion made it much clearer.",
    "You owned our mistake in the billing email straight away, and it defused the whole thread.",
    "The customer sent twelve messages in a row and you answered every one, in order, without a sigh.",
    "You put the answer in the first line of your email and the details after. I'm going to copy that.",
    "You spotted three tickets with the same error and flagged them as one bug. That saved the team hours.",
    "Checking everything worked while she was still on the line was a great way to end that call.",
    "You said the caller's name and slowed down when he was shouting, and it worked. I'd like to learn that.",
    "Your walkthrough video for the export is now the first thing I send. Customers love it.",
    "You picked up that she was worried about losing her data and answered that first. Nice catch.",
    "You asked 'what were you hoping would happen?' and went straight to the real problem. Great question.",
    "You were honest that the feature doesn't exist yet and offered the workaround. No false promises.",
    "Thanks for staying on to finish the call with the school. They were really grateful.",
    "Your end-of-shift handover list meant nothing got dropped overnight. Keep doing it.",
    "You took the time to explain why the policy exists. He didn't love it, but he accepted it.",
    "You walked the hacked customer through every step and made a frightening thing feel manageable.",
    "When the customer blamed us for his own slip, you just fixed it and moved on. Very graceful.",
    "Your escalation summary was one paragraph and had everything engineering needed.",
    "You noticed our new colleague was stuck and offered to pair on the tricky tickets. That was kind.",
    "You gave her the quick workaround first and the full fix later. She was trading again in minutes.",
    "Your tone in that chat was warm and completely professional. The customer said you made her day.",
)

#: (What I'll try, and a week later, how it went.)
TRIES: tuple[tuple[str, str], ...] = (
    (
        "Put the answer in the first line of every email, details after.",
        "I did it on every email this week. Fewer customers wrote back 'so what do I do?', and my threads got shorter.",
    ),
    (
        "Count to two before I answer on calls, so the customer can finish.",
        "Harder than it sounds. I managed it on most calls, and twice the customer added the detail that solved it.",
    ),
    (
        "Rewrite the first line of each macro in my own words before sending it.",
        "It takes about ten seconds a ticket. Two customers thanked me for the 'personal' reply, which made me "
        "laugh a bit.",
    ),
    (
        "Ask what they've already tried before I suggest any fix.",
        "It saved me sending the reset steps three times this week. One customer said 'finally, someone asks'.",
    ),
    (
        "Give a time for the next update instead of 'soon'.",
        "I gave a time on every long case and kept all but one. The one I missed, I warned them before it passed.",
    ),
    (
        "Say what I can do before what I can't.",
        "It changed how refusals land. One customer still wasn't happy, but nobody asked for a manager this week.",
    ),
    (
        "Repeat the customer's problem back in one sentence before I start on it.",
        "Twice I had it wrong, and the customer corrected me before I'd wasted any time. I'm keeping this one.",
    ),
    (
        "Take two minutes away from the queue after a difficult call.",
        "I did it three times this week. The calls after went noticeably better, and I went home less wound up.",
    ),
)
