"""What the demo team writes: answers to the bank's prompts, feedback to each other, and what they try after it.

Each prompt has two answers, as two different people on a support team would write them about their own
week; the spare answers per skill cover a third person who gets the same prompt. demo.script hands them out
so that no one says what someone else already said. Each weekly team question has two replies, as two
teammates post them in its thread. Plain text only: no @-mentions, ampersands or angle brackets (the bot
would escape them, and real people rarely type them).
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
    "integrity-03": (
        "I'd put the wrong renewal date in an email, a week too late. She hadn't spotted it. I wrote again with the "
        "right date and a one-line apology. Hard only because it drew attention to my mistake; easy once I "
        "pictured her being charged without warning.",
        "My email told him his refund would land in three to five days; with his bank it takes ten. He hadn't "
        "questioned it. I wrote again to correct it, because on day six he'd have been chasing us, and that picture "
        "made it easy.",
    ),
    "integrity-04": (
        "I told a customer the replacement would 'definitely' arrive by Friday, with no idea what the courier was "
        "doing that week. Next time: 'It's booked for Friday. I'll check the tracking on Thursday morning and tell "
        "you if anything changes.'",
        "On a call I said 'I'll get engineering to look at it today.' I can't make engineering do anything. Next time: "
        "'I'll raise it with engineering today and call you by Thursday with what they've said.'",
    ),
    "integrity-06": (
        "With four chats open, ending a chat the moment I've sent the fix, without waiting to hear that it worked. The "
        "customer loses the easy way back to me: they have to start a new chat and explain it all again.",
        "When three chats are pinging at once, pasting the password-reset macro without reading the whole message. "
        "Twice this month the reset wasn't the problem at all. The customer loses a day, and gets the feeling nobody "
        "read what they wrote.",
    ),
    "integrity-07": (
        "Our policy is no refunds after 30 days. A customer on day 34 had spent most of that month in hospital. I "
        "asked my lead for an exception and got it. I'd do it again, and I'd ask sooner rather than keep him "
        "waiting while I worried about it.",
        "He wanted his data deleted but a copy first, and the deletion form doesn't allow both. I walked him "
        "through the export, then sent the form. Twenty minutes instead of two, and worth it.",
    ),
    "integrity-08": (
        "A caller asked whether our API limits reset on the hour or over a rolling hour. I said I wasn't sure and "
        "didn't want to guess, asked the developers, and rang him back within the hour. He said he'd take that over a "
        "confident wrong answer he'd have built on.",
        "On a call yesterday: 'I don't know, and I'd rather check than guess.' A pause, then she laughed and said "
        "her last three agents had all guessed differently. I found it in the release notes while she waited.",
    ),
    "integrity-09": (
        "An elderly customer had struggled for ages to set up automatic payments. The ticket was closed, but on the "
        "next billing day I checked that the payment had gone through. It had, and I sent him a two-line email to say "
        "so.",
        "A shop whose orders had been stuck for two days. Closed on Friday, but because their big sale ran over the "
        "weekend I looked again on Monday morning and emailed the owner to say all was flowing. What made me go back "
        "was how panicked she had sounded.",
    ),
    "integrity-10": (
        "The one where I told a customer we weren't the right tool for what she wanted and pointed her to one that "
        "was. It felt odd at the time. Read out loud, I think it would sound like the most useful thing I did all "
        "week.",
        "Thursday's call with the man whose account had been hacked. I kept him on the line while we locked it "
        "down and explained every step. He was shaking at the start and making jokes by the end.",
    ),
    "integrity-11": (
        "A customer asked for a refund on day 31 of our 30-day window; the renewal reminder had gone to his spam. I "
        "refunded it, and my email said why: the reminder never reached him, so it wasn't fair to hold him to the "
        "date.",
        "She'd used the annual plan for two months, then her business closed. Policy says no part refunds. My lead "
        "approved half, and my email said plainly it was an exception and what it rested on, not just 'approved'.",
    ),
    "integrity-12": (
        "'We charged your card twice for March, and that was our mistake, not anything you did. The second charge of "
        "29 euro is already being refunded and should be back with you by Friday.'",
        "'Before you spot it on your statement: our billing system took your payment twice on Tuesday, and that's on "
        "us. I've already reversed the extra charge, and it should show as a refund within five working days.'",
    ),
    "integrity-13": (
        "'Before you go, can I mention one thing? You're paying for ten seats and using three. The Starter plan would "
        "cost about a third of what you pay now, and if it still isn't right, I'll cancel for you today.'",
        "I had almost this call on Wednesday. What I said: 'Honestly, your plan is built for bigger teams, and the "
        "basic one covers everything you've used this year. Shall I switch you, or would you still rather cancel? "
        "Either is fine.'",
    ),
    "integrity-14": (
        "Our macro says 'we'll reply within 24 hours'. I type 'the team is taking about three working days at the "
        "moment, and I've noted it so you won't need to chase' instead, and I've asked our lead to fix the macro.",
        "I'd swap the line for: 'The billing team is answering in two to three days right now. If that's too long for "
        "this, tell me and I'll see what I can sort out here in the chat.'",
    ),
    "value-01": (
        "On chat she only asked how to change her billing address. I noticed her card expires next month, mentioned "
        "it, and showed her where to update it. That saves her a failed payment.",
        "A customer asked where to find last year's invoices. I sent the link, plus how to turn on the monthly "
        "invoice email so she never has to go looking for them again.",
    ),
    "value-03": (
        "Password resets. One line on turning on two-step login would stop a lot of the repeat resets we get from "
        "the same people every month.",
        "'Where is my order?' If I include the courier's own tracking link, not just ours, they get live updates "
        "without needing to contact us again.",
    ),
    "value-04": (
        "A customer emailed to ask whether we ship to Norway and I replied 'yes'. Now I'd add: 'Orders to Norway can "
        "be charged import VAT on delivery, so the courier may ask you for a small fee.'",
        "My reply said 'that feature is on the roadmap' and stopped. The sentence I'd add: 'Until then, a few "
        "customers export the report weekly and filter it in a spreadsheet, and I can send you the steps.'",
    ),
    "value-06": (
        "A small charity was paying for five seats and only two people ever logged in. On the phone I walked the admin "
        "through the usage page and helped her drop to two. About 600 euro a year saved, and she thanked me twice.",
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
    "value-11": (
        "During last month's login outage our posts only said 'we're investigating'. They could have said the mobile "
        "app still worked, because it did, and when the next post would come. Half the replies asked exactly that.",
        "I watched the sync outage from the email queue. The posts could have told people their data was safe and "
        "would sync once we were back. That fear was in every ticket I answered that afternoon.",
    ),
    "value-12": (
        "Mine was about connecting a new bank account. I'd add: 'Once it's connected, go to Settings, then Rules, and "
        "switch on auto-matching. After that, a look at the Unmatched tab on Fridays is all you need.'",
        "I'd add: 'Your next step is to invite your accountant from the Team page. She'll get an email with a link, "
        "and once she accepts she can see your reports. If the email doesn't arrive, reply here and I'll resend it.'",
    ),
    "value-13": (
        "My most-sent macro explains how to add a user. The new closing line: 'When you add them, pick the Viewer role "
        "if they only need to see reports. It stops anyone deleting things by accident.'",
        "The shipping-times macro. I'd end it with: 'If it's a gift, you can still add a gift note and hide the prices "
        "from the Order page until it leaves our warehouse tomorrow evening.'",
    ),
    "value-14": (
        "'I'm passing this to our second-line team now, and they usually pick these up within a day. While you wait, "
        "export your settings from the Backup page, so they'll have what they need without calling you to ask.'",
        "What I said on Tuesday: 'The specialists will call you by Thursday afternoon. In the meantime the web version "
        "isn't affected, so your staff can keep taking bookings there.'",
    ),
    "journey-01": (
        "He'd spent an hour in our help centre and tried three of the articles before ringing. So I skipped the basics "
        "and opened with 'you've clearly tried a lot already, let's look at what's different about your setup.'",
        "She had been charged twice and found out from her bank, not from us. She was angry from her first sentence "
        "because nobody seemed to have noticed. Starting with 'we should have caught this before you did' changed the "
        "tone at once.",
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
        "He'd been on hold for forty minutes, then cut off, and tried the chat instead. His first message to me was "
        "about the hold, not the problem. I apologised for that first and didn't rush to the fix.",
    ),
    "journey-11": (
        "'You've been with us four years, and the last three months haven't been good enough: the sync failures, the "
        "invoice mix-up, a week's wait for answers. I'm sorry. Can I look at what's still broken first?'",
        "'Three months of problems after six good years is a hard way to end up here, and I can see how many times "
        "you've had to write to us.' Then I'd ask which of those problems is still hurting most.",
    ),
    "journey-12": (
        "'You lost a whole morning of bookings on what should have been your busiest day, and had to turn people away "
        "at the counter. That's on us, and I want to explain what happened and what we can do about that morning.'",
        "'Losing four hours of work on the morning your report was due is awful, and redoing it from memory is worse. "
        "Some of it may still be in the autosave history, so let me show you where to look.'",
    ),
    "journey-13": (
        "'So glad you're up and running, and thank you for sticking with it. Two weeks was far too long to get there, "
        "and we're looking at why, so the next person doesn't wait as long.'",
        "I'd post: 'Congratulations on going live! Thanks for your patience through a fortnight of emails, we know it "
        "was a lot. Message us here any time something else comes up.'",
    ),
    "journey-14": (
        "'I've read the notes from both your calls, so you won't need to explain again. The refund went to your old "
        "card and the bank can't trace it, is that right? Then I'll raise a trace with payments while we're talking.'",
        "'Thanks for holding, and I'm sorry you've had to tell this twice. I have the notes: three failed imports "
        "since Monday, same error each time. I'll stay with you until we know what's causing it.'",
    ),
    "self_awareness-01": (
        "Staying calm when a customer raised his voice. I knew it was working because after a minute or so he "
        "slowed down to match me.",
        "Explaining technical things simply. She repeated my explanation back in her own words, and got it right, "
        "which is how I know it landed.",
    ),
    "self_awareness-02": (
        "I was tired on Tuesday afternoon and my voice got flatter with every call. One caller asked whether he'd done "
        "something wrong. That was my cue to take five minutes away from the queue.",
        "I came off a great call in a great mood and joked with the next caller, who was in no mood for jokes. She "
        "went quiet on the line, and I had to work to get the conversation back.",
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
        "I led with the policy before I'd read her whole message, because I'd seen similar chats. She felt brushed off "
        "from her second line, and that part was me, not her.",
        "I assumed he was technical because of his job title and used jargon. He got more and more frustrated and "
        "I didn't notice until he said so.",
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
    "self_awareness-10": (
        "I'm good on the phone and slow in writing; a teammate is the other way round. Last week she drafted a "
        "complaint reply from my call notes, and it was better than either of us would have managed alone.",
        "A colleague who spots patterns across tickets, where I see one customer at a time. She noticed that my "
        "three 'random' errors were the same bug.",
    ),
    "self_awareness-11": (
        "'I want to help you with this delay, and I can't do that while you're swearing at me. If we keep it calm, "
        "I'll go through what I can do right now.' My jaw goes tight first, so I breathe out before I say it.",
        "'I can hear how frustrated you are. I'm going to ask you not to swear at me, though, and if it carries on "
        "I'll end the call and email you instead.' My voice rises when I'm rattled, so I say it slower than feels "
        "natural.",
    ),
    "self_awareness-12": (
        "'I think I'm good at explaining technical fixes in plain words, so I'd like to know if that comes through. "
        "Could you also watch how often I apologise, because I suspect I do it when I'm unsure of the answer.'",
        "'My strength is calming people down on the phone, and I'd like to keep it. What I'd like you to watch is "
        "whether I rush the end of calls when the queue is long.'",
    ),
    "self_awareness-13": (
        "Busy version: 'Done, should work now.' Quiet version: 'Thanks for waiting, Maria. I've reset the sync, so "
        "your calendar should update in a few minutes. Can you check it's there?' The busy one had no name and no "
        "check.",
        "On Monday, with five chats open, I sent 'See link.' and an article. On a quiet afternoon I'd write 'This "
        "article covers it, and step 3 is the one for your plan. Tell me if it doesn't match what you see.'",
    ),
    "self_awareness-14": (
        "'Sorry you've had such a bad time with us. Could you send us a private message with your account email? I'll "
        "look into it myself today.' Reading it back, 'myself' is my pride talking, so it comes out.",
        "My draft: 'We're not useless, but we have been slow this week, and I'm sorry. Message us your order number "
        "and we'll sort it.' The 'we're not useless' is all my own feelings. I'd delete it before posting.",
    ),
    "listening-01": (
        "Her first message was 'how do I cancel?'. Then, almost in passing: 'the reports never match my bank.' That "
        "was the real issue. We fixed the reports and she stayed.",
        "He opened with a complaint about our new logo, of all things. Then he said he couldn't find the button "
        "he used every day. The redesign had moved it.",
    ),
    "listening-02": (
        "On a call about a failed payment I was already typing the card-update steps when she said the card was "
        "fine and her bank had approved it. I'd missed that the problem was on our side.",
        "On a call about slow syncing I was already lining up the cache steps in my head when he said, almost under "
        "his breath, that it only happened on his work laptop. I nearly missed it, and it changed everything.",
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
    "listening-06": (
        "Most chats, not all. This morning: 'So the invoice is right, but the email with it goes to your old address?' "
        "He typed 'exactly', and I stopped digging through the invoice settings, which is where I was heading.",
        "Only when it's complicated, honestly. Yesterday I typed 'Let me check I've got it: it works on wifi but not "
        "on mobile data.' She wrote back 'no, the other way round.' That saved us a good ten minutes.",
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
        "In a direct message on social media he mentioned he was 'off on holiday Friday, so no rush'. I caught it, and "
        "made sure the fix was in by Thursday rather than 'next week'.",
        "She said in passing, in a reply to our post, that a colleague had the same problem. I only caught it when I "
        "reread the thread later, so I messaged her to offer help to the colleague too.",
    ),
    "listening-11": (
        "'Your order was due on Tuesday and still hasn't arrived, which isn't good enough. It's at the local depot and "
        "booked for delivery tomorrow before noon. If it doesn't come, I'll send a replacement the same day.'",
        "I'd leave the insults and answer the delivery: 'You're right that it's late. It's been held in customs since "
        "Monday, I've chased the courier, and I'll update you here by 4pm with a new date.'",
    ),
    "listening-12": (
        "Ours said 'fixed, but I had to explain my setup three times'. I'd write: 'You're right, you had to repeat "
        "your setup to three of us, and you shouldn't have. It's now in your account notes for whoever picks up next.'",
        "The comment said 'the answer was fine, the wait was not'. My email: 'Thank you, I take the point: it was the "
        "four days of waiting that let you down. I've asked for billing questions to be sorted first and will write "
        "once that's agreed.'",
    ),
    "listening-13": (
        "'Thanks for telling us all of this, and sorry the last few weeks have been so frustrating. You mentioned your "
        "invoice is wrong: send us a private message with the invoice number and I'll correct it today.'",
        "I'd answer the invoice part in public: 'We'd like to sort out that invoice for you straight away. Could you "
        "message us privately with your account email? Then we can go through the rest together too.'",
    ),
    "listening-14": (
        "'I can get a manager for you. So I can brief them and you don't have to start again, can you tell me what's "
        "happened?' Nine times in ten it turns out to be something I can fix there and then.",
        "'Of course, and I'll make sure they have the whole picture. What went wrong today?' Then I let them talk. On "
        "Friday that turned a manager request into a refund I could do myself.",
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
        "'So if I fix this, is everything working for you again?' It works because it makes people look past the first "
        "problem: yesterday he said 'no, there's also the export', which I'd never have guessed.",
        "'What were you doing just before it happened?' People remember what they did far better than what an error "
        "said. Last week it turned a 'random' error into a clear pattern in one reply.",
    ),
    "questioning-04": (
        "'Which browser are you on?' It was an old one on a shared library computer, and it took us six emails to "
        "find that out.",
        "'Is this for you, or are you setting it up for someone else?' She was setting it up for her father, and "
        "half my instructions assumed she could see his screen.",
    ),
    "questioning-06": (
        "I end with one specific question instead of 'does that make sense?'. This week: 'Can you see the green "
        "Connected label now?' A yes or a no tells me far more.",
        "I ask them to send a screenshot of what they see after step two. It's the written version of hearing a "
        "pause: I can see exactly where they stopped.",
    ),
    "questioning-08": (
        "I asked 'what were you hoping would happen when you clicked that?' instead of 'did you click Save?'. The "
        "answer showed the button label was misleading, and I've sent that to the product team.",
        "'Tell me how your team uses the reports.' It opened a ten-minute conversation and a much better fix than "
        "the one she'd asked for.",
    ),
    "questioning-09": (
        "In a direct message on social media he snapped 'why do you need to know all this?'. I said I wanted to fix it "
        "once rather than send him three guesses. He answered everything after that.",
        "She thought my questions under her post meant I didn't believe her. I explained that her answers decide which "
        "team can fix it fastest. It helped to say that out loud.",
    ),
    "questioning-10": (
        "'Could you try it once more now, while I'm here?' Last time it turned out to be only half fixed, and we "
        "sorted the rest on the same call.",
        "'Is there anything about this that's still going to bother you tomorrow?' He said the duplicate emails. "
        "Closing it there would have meant a new ticket by morning.",
    ),
    "questioning-11": (
        "During Tuesday's outage I asked 'when did it last work for you?' Before 10am meant the outage; last week "
        "meant something else, and I made sure those chats didn't get the outage macro.",
        "I asked for the exact error message. The outage showed one specific error, so anything else stood out at "
        "once. The hard part: people with other problems still waited as long as everyone else that morning.",
    ),
    "questioning-12": (
        "'I'm sorry the vase arrived broken. Would you like a refund for just the vase, a replacement sent out this "
        "week, or to return the whole order for a full refund?'",
        "I'd send: 'Thanks for the photo of the damaged lamp. Before I set anything up, would you like to keep the "
        "shade that arrived fine, or send both back for a full refund?'",
    ),
    "questioning-13": (
        "'Of course, I can do that for you. Can I ask what's changed for you lately? If it's something on our side, "
        "I'd like to know.'",
        "'I can help with that. What made today the day?' It's short, it doesn't argue, and callers usually tell me "
        "the real reason in their first sentence.",
    ),
    "questioning-14": (
        "'Just so I send you the right guide: are you setting this up in the mobile app or in the browser?' The "
        "article for each is different, and half the time people are on the one I didn't expect.",
        "'Before I send a link, are you trying to move the whole account to a new email, or just change where the "
        "invoices go?' Same words from the customer, two very different articles.",
    ),
    "empathy-02": (
        "A man closing his late wife's account. I thought about him all afternoon. A walk at lunch helped, and "
        "talking it through with a teammate helped more.",
        "A customer who called me useless. It stayed with me for an hour. Next time I'll write down one thing I "
        "did well on the call before I take the next one.",
    ),
    "empathy-03": (
        "I said 'I'd be annoyed too if I'd been charged twice.' It sounded genuine because it was: I would be.",
        "On a call I said 'I understand your frustration' and heard how flat it sounded. Two sentences later I tried "
        "'two weeks without your invoices is a long time to wait', and that one sounded like me.",
    ),
    "empathy-04": (
        "He posted that we should refund a whole year for a two-day outage. From his side: those were his two busiest "
        "days of the year, and he lost orders he'll never get back.",
        "Her post said she wants a phone call instead of emails. From her side: she tried email, it took four days, "
        "and a call feels like someone is actually doing something.",
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
        "A customer swore at me in chat over a late refund and I answered in a cold, formal tone. Correct, but cold. "
        "Next time I'd wait a minute and answer the worry, not the swearing.",
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
        "'Unfortunately, that's our policy.' I type what I can do instead: 'That one isn't possible, but here's what I "
        "can do today.'",
        "'Calm down' and 'as I said'. Instead I type 'let me make sure I've got this right' and repeat their point.",
    ),
    "empathy-11": (
        "'I'm really sorry. Sending the wrong item once is bad enough, and we've done it twice. I'm sending the right "
        "one by express today, and I'll stay on the line while I check it's the right size and colour.'",
        "'That's our mistake, twice in a row, and I'd be fed up too. Let me sort it properly this time: I'll book the "
        "return collection and put the correct one in the post today.'",
    ),
    "empathy-12": (
        "'Your wedding is on Saturday and the order still isn't with you, so let's get it there first. I can send a "
        "replacement by next-day courier today, arriving Friday.'",
        "I'd open with: 'Congratulations on Saturday. I've looked up your order, and here is how we get it to you by "
        "Thursday.' Then the plan. The insults don't need an answer.",
    ),
    "empathy-13": (
        "'You've asked three times now, and I'm sorry you've had to. Here's the answer: your refund went out on Monday "
        "and should reach your card by Friday.'",
        "'Sorry, that's on me for not getting back to you. I'm looking at your order right now and will have an answer "
        "for you in two minutes.' And then I make sure it is two minutes.",
    ),
    "responsiveness-01": (
        "I said 'by the end of tomorrow' for a billing correction. Realistic, and met with an hour to spare. I'd "
        "padded it by half a day, which I'm learning to do.",
        "I emailed 'you'll have the corrected invoice within the hour', then got pulled into a long call. At 55 "
        "minutes I emailed to say it would be 30 more. I met the new time, not the first one.",
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
    "responsiveness-05": (
        "A shop whose checkout went down on a Saturday. I sent the quick workaround first, taking card payments by "
        "hand, then worked on the real fix. My rule: what stops the bleeding?",
        "She was about to walk into a meeting and needed one number from a report. I sent the number in one line "
        "and the explanation afterwards.",
    ),
    "responsiveness-06": (
        "I promised a Friday call-back on a bug and it happened, because I set the reminder while we were still on the "
        "call. Nothing got in the way, for once.",
        "I promised a callback on Tuesday and remembered on Wednesday. I'd written it on a sticky note that ended "
        "up under my keyboard. Calendar from now on.",
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
        "I replied to a public post in under a minute with the refund steps, and only then saw he'd already been "
        "refunded. Thirty seconds reading his earlier messages would have spared us both.",
        "During the Monday outage I posted that payments were working again; only card payments were. The right "
        "balance: check the status page before posting, even with fifty people waiting.",
    ),
    "responsiveness-11": (
        "'Some of you can't log in right now. We know, we're working on it, and we don't have a fix time yet, but your "
        "data is safe. Next update here at 11:30, even if there's nothing new.'",
        "'Payments are failing for some customers since about 9am. We're investigating and will post again within 30 "
        "minutes. Invoices can still be sent by email from the Drafts page in the meantime.'",
    ),
    "responsiveness-12": (
        "'I don't have a fix for you yet, and I didn't want you wondering whether we'd forgotten you. Engineering has "
        "reproduced the problem, which is the first step, and I'll email you on Thursday either way.'",
        "'Quick update on the export error: no news from engineering yet, and I chased them again this morning. I'll "
        "write by Friday noon, sooner if they come back with anything.'",
    ),
    "responsiveness-13": (
        "'This needs a look through the payment records, which takes about ten minutes. I'll be back in this chat by "
        "2:15 with an answer.'",
        "'Give me ten minutes to dig out the old order. You don't need to stay on this page: if the chat closes, I'll "
        "email you the answer.'",
    ),
    "responsiveness-14": (
        "In public: 'Sorry, you should have had an answer by now. I've found your email and will reply to it today.' "
        "The account details and the actual answer go in the email, not the thread.",
        "'That's too long to wait, and I'm sorry. I've sent you a private message so we can sort it today.' The order "
        "number, the refund and anything personal all stay in the private message.",
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
    "feedback-11": (
        "The comment: 'the answer is in paragraph three'. My reply opened with thanks and background. Now I'd start "
        "'Yes, you can move your data to the new account, and here's how' and put the background after.",
        "The reviewer said I didn't check the fix worked. My reply ended 'hope that helps'. Now it would end 'Could "
        "you try sending one invoice and tell me if it goes through? I'll keep this open until you do.'",
    ),
    "feedback-12": (
        "'Thanks for the review, especially the note on my refund calls, which I hadn't noticed myself. When you wrote "
        "that my closings feel rushed, could you point me to one call where you heard it?'",
        "'Thank you for taking the time over my review, the examples made it easy to follow. I'm less sure about the "
        "point on tone in my emails: could you show me one line where it came across wrong?'",
    ),
    "feedback-13": (
        "'Thank you for saying so, and you're right: my reply was mostly our standard text and missed the part about "
        "your second shop. Here's that answer now, and from now on I'll write the first lines myself.'",
        "'Thanks for taking the time to tell us. You deserved a reply written for you, not a template. Your actual "
        "question is answered below, and I'll read every template against the question before it goes out.'",
    ),
    "feedback-14": (
        "'You're right, and thank you for flagging it. Exports don't include archived projects, as I wrongly said "
        "yesterday: unarchive them first, then export.'",
        "'Good catch, and thank you. The free plan allows three users, not five as I said yesterday. I've corrected "
        "the help article too.'",
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

# Replies in the thread of the weekly team question, two per question.
TEAM_REPLIES: dict[str, tuple[str, str]] = {
    "team-integrity-01": (
        "When a fix is only a workaround, I say so. People cope much better when it breaks again if they knew it "
        "might.",
        "How long a refund really takes to reach their bank, not just when we send it. Saves a lot of 'where is my "
        "money' emails.",
    ),
    "team-integrity-02": (
        "'Good question, and I'd rather check than guess. Give me ten minutes.' It works every time, as long as I "
        "really do come back in ten.",
        "On calls I say 'let me look that up properly so you get the right answer', then tell them what I'm checking "
        "while I do it.",
    ),
    "team-integrity-03": (
        "The 30-day refund limit. I explain that it's part of what keeps the monthly price low, then say what I can "
        "still do.",
        "Deletion being final. I tell people exactly what goes and suggest an export first, so the choice is really "
        "theirs.",
    ),
    "team-value-01": (
        "I paste the direct link to the exact settings page instead of writing 'go to Settings'. Saves people a lot of "
        "hunting.",
        "If I'm answering about an invoice, I mention when the next one is due. People seem to like knowing what's "
        "coming.",
    ),
    "team-value-02": (
        "Asking what they're trying to get done this week. Half the time there's a quicker way we never get round to "
        "talking about.",
        "Showing them one shortcut in the part of the product they use most, whichever saves them the most clicks.",
    ),
    "team-value-03": (
        "'How do I back up my data?' I bring it up right after a big import, because that's when they'd hate to lose "
        "it.",
        "Whether they're on the right plan. When I can see their usage I just say 'by the way, the smaller plan might "
        "suit you'.",
    ),
    "team-journey-01": (
        "The first import, when years of someone's spreadsheets meet our error messages. I'd love the product team to "
        "sit through one with us.",
        "A new shop taking its first payment through us. They're so pleased, and everyone else only ever sees it as a "
        "number.",
    ),
    "team-journey-02": (
        "Most have searched the help centre first. It tells me our articles don't use the words people actually search "
        "with.",
        "Lots of people reinstall the app before writing in. To me that says the error message gives them nothing to "
        "go on.",
    ),
    "team-journey-03": (
        "A bakery that got online ordering working in time for Christmas. They'd been fighting their old system for a "
        "year, so I cheered a bit.",
        "A teacher who moved her whole school over in one weekend after months of planning. She sent us a photo of the "
        "class logging in.",
    ),
    "team-self_awareness-01": (
        "I remember customers. If someone wrote in last month I often recognise the name and can pick up where we left "
        "off.",
        "I stay calm when things go wrong. Nobody notices until an outage, and then it turns out to matter.",
    ),
    "team-self_awareness-02": (
        "A cup of tea after every hard call, even a small one. Five minutes at the kettle and I'm back.",
        "I keep a note of kind things customers have said and read one when the day drags. Corny, but it works.",
    ),
    "team-self_awareness-03": (
        "Long, puzzling bug reports. I think it says I like a mystery more than small talk.",
        "Helping someone who's nervous about technology. My mum is just like that, so I know how it feels from her "
        "side.",
    ),
    "team-listening-01": (
        "I make myself write the customer's question in my notes before I write a word of the answer.",
        "I keep my hands off the keyboard until they've finished. If I'm typing, I'm not listening.",
    ),
    "team-listening-02": (
        "Short sentences from someone who usually writes long ones. And 'fine' on a line of its own.",
        "When they apologise for bothering us. It usually means they've put it off and it's been worrying them for "
        "days.",
    ),
    "team-listening-03": (
        "'Quick question.' It's almost never quick, and it usually means they've tried everything else already.",
        "'It's not urgent.' Often it is, they just don't want to be a nuisance, so I ask when they need it by.",
    ),
    "team-questioning-01": (
        "'What did you expect to happen?' Best for bug reports, because it shows me the gap between what they wanted "
        "and what they saw.",
        "'Walk me through the last time it happened.' Great for problems that seem random, because the steps show the "
        "pattern.",
    ),
    "team-questioning-02": (
        "I say why before I ask, like 'so I can check the right account, could you send me the email you signed up "
        "with?'",
        "One question per message, never a list of five. It feels like a conversation rather than a form.",
    ),
    "team-questioning-03": (
        "'Have you tried turning it off and on again?' They always have, and asking makes them feel I think they're "
        "clueless.",
        "'Are you sure?' I've swapped it for 'could you check that for me?', which asks the same thing without "
        "sounding like doubt.",
    ),
    "team-empathy-01": (
        "I remind myself they're angry at the situation, not at me, even when it sounds like me. Then I answer the "
        "problem, not the tone.",
        "Picturing their day. Someone writing about an invoice at 6pm has probably had a long one, and that makes "
        "kindness easier.",
    ),
    "team-empathy-02": (
        "A shop owner told me that every hour we're down, she's explaining it to her own customers. I answer outage "
        "tickets differently now.",
        "An older customer said he felt stupid asking for help. Since then I never write 'just' in instructions, as in "
        "'just click'.",
    ),
    "team-empathy-03": (
        "I mention one detail from their message, like the date they need it by. It shows I read it, and a script "
        "can't do that.",
        "I skip the big apology phrases and say something plain, like 'that sounds really annoying, let's fix it'.",
    ),
    "team-responsiveness-01": (
        "I give a time for the next update instead of the fix: 'I don't know yet, but I'll tell you where we are by "
        "Thursday.'",
        "A range, and what it depends on: 'usually two to five days, depending on your bank'.",
    ),
    "team-responsiveness-02": (
        "Three things: I've got it, here's what I'm doing, here's when you'll hear from me next. The rest can wait.",
        "One that's honest about the wait and gives them something to do meanwhile, even if it's only where to check "
        "the status.",
    ),
    "team-responsiveness-03": (
        "Anyone who can't work or can't take payments goes first, then oldest first. How-to questions can wait an hour "
        "or two.",
        "I look for deadlines today first. Then everyone else gets a quick holding reply so nobody's left wondering.",
    ),
    "team-feedback-01": (
        "A lead once told me to explain why something happened before how to fix it. Customers seem to trust the fix "
        "more since I started.",
        "Someone said I sounded rushed at the end of calls. Now I ask 'is there anything else?' and actually wait for "
        "the answer.",
    ),
    "team-feedback-02": (
        "Written, a day later. I get defensive in the moment, and with a bit of time I can actually hear it.",
        "In person and straight away, while I still remember the call. A week later it feels like it's about someone "
        "else.",
    ),
    "team-feedback-03": (
        "A CSAT comment that said 'finally someone who told me when'. Every reply I send has a day or a time in it "
        "now.",
        "From a QA review: read the whole thread before the first reply. Obvious, but it's saved me so many repeat "
        "questions.",
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
