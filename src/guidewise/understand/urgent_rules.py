"""Emergency patterns by category. Each rule is a list of regexes that must all match, affirmed (not negated)."""

from __future__ import annotations

from dataclasses import dataclass

# Reusable fragments (applied to folded, typo-corrected text).
PAIN = r"(?:pain|pains|hurts?|hurting|ache|aching|pressure|tightness|tight|heaviness|heavy|squeez\w*|crushing|discomfort)"
CHEST = r"\bchest\b"
SOB = (r"(?:short(?:ness)? of breath|out of breath|breathless\w*|can'?t (?:catch my )?breathe?|cannot breathe?|"
       r"can not breathe?|unable to breathe?|struggling to breathe?|hard to breathe?|difficulty breathing|trouble breathing|"
       r"hard time breathing|gasping|dyspn\w*|winded|sob\b|can'?t get (?:my|his|her|a) breath|"
       r"breathing (?:is |got |gets |getting |became |has become )?(?:hard|harder|difficult|fast|laboured|labored))")
SUDDEN = r"(?:sudden\w*|all of a sudden|abrupt\w*|out of nowhere|came on (?:fast|quickly|in seconds|instantly)|instant\w*|just now|minutes ago)"
FEVER = (r"(?:fever\w*|febrile|temperature|temp (?:of )?\d|hot to (?:the )?touch|burning up|pyrexi\w*|"
         r"3[89](?:\.\d)?\s*(?:c|°c|degrees)?\b|10[0-5](?:\.\d)?\s*(?:f|°f|degrees)\b|rigors?|shivering|chills)")
CHESTISH = r"\b(?:chest|breast ?bone|sternum)\b"
BACK = r"\b(?:back|spine|spinal|lumbar|lower back|backache|sciatica)\b"


@dataclass(frozen=True)
class Rule:
    """All `all_of` patterns must be affirmed; `reason` explains the match to the reader."""

    all_of: tuple[str, ...]
    reason: str


@dataclass(frozen=True)
class Category:
    key: str
    name: str
    message: str
    rules: tuple[Rule, ...]


def _r(reason: str, *patterns: str) -> Rule:
    return Rule(tuple(patterns), reason)


EMERGENCY = "Call 911 or your local emergency number now"

CATEGORIES: tuple[Category, ...] = (
    Category("suicidality", "Risk of suicide or self-harm",
             "If you are thinking about suicide or harming yourself, you deserve help right now. In the US call or "
             "text 988 (Suicide & Crisis Lifeline); elsewhere call your local emergency number or go to the nearest "
             "emergency department. If you are in immediate danger, call 911 or your local emergency number.",
             (
                 _r("thoughts of suicide", r"\b(?:suicid\w*|kill(?:ing)? (?:my ?self|himself|herself|themselves)|"
                    r"(?:end|ending) (?:it all|my life|things|his life|her life|my own life)|"
                    r"(?:life|living) (?:is not|isn'?t|is no longer|not) worth (?:living|it)|"
                    r"overdos(?:e|ing) on (?:my|his|her|the) (?:pills|meds|medication|tablets)|take my (?:own )?life|wants? to die|wanted to die|"
                    r"wish (?:i|he|she) (?:was|were) dead|better off dead|don'?t want to (?:live|be alive|wake up)|"
                    r"not (?:want to )?wake up|never wake up|no reason to live|self[\s-]?harm\w*|hurt(?:ing)? (?:my|him|her|them|your) ?sel(?:f|ves)|"
                    r"cut(?:ting)? my ?self|overdose on purpose|kms|jump\w* (?:off|from|in front of)|hang(?:ing)? (?:my|him|her)self|"
                    r"no point (?:anymore|any more|in living|living|in going on)|giving (?:his|her|my|their|all) (?:\w+ )?(?:stuff|things|belongings|possessions) away|"
                    r"said goodbye to everyone|saying goodbye to everyone|so (?:i|he|she) (?:don'?t|do not|won'?t|never) wake up)\b"),
                 _r("asking about a lethal amount", r"\b(?:lethal|fatal|deadly|kill (?:me|a person|someone|you)|to die|"
                    r"would it take to|enough to (?:die|kill|not wake|end))\b",
                    r"\b(?:dose|pills?|tablets?|how many|how much|amount|overdose|od)\b"),
                 _r("asking how to overdose", r"\bhow (?:many|much)\b.{0,40}\bto (?:overdose|od)\b"),
             )),
    Category("cardiac_chest_pain", "Possible heart attack",
             f"{EMERGENCY}: chest pain with these features can be a heart attack. Do not drive yourself.",
             (
                 _r("chest pain spreading to the arm, jaw, neck or back", CHEST + r"|\bsternal|substernal|retrosternal",
                    r"(?:radiat\w*|spread\w*|going|goes|shoot\w*|moving|down|into|up)\s+(?:\w+\s+){0,3}"
                    r"(?:arms?|jaw|neck|shoulders?|back)\b|\b(?:left|right) arm\b|\bjaw\b"),
                 _r("chest pain with sweating, nausea or breathlessness", CHESTISH + r".{0,60}" + PAIN + "|" + PAIN + r".{0,20}" + CHESTISH + r"|substernal|retrosternal",
                    r"\b(?:sweat\w*|diaphore\w*|clammy|nause\w*|vomit\w*|throwing up|faint\w*|lightheaded|"
                    r"light-headed|dizzy|passed out|grey|gray|pale)\b|" + SOB),
                 _r("clutching the chest with sweating, breathlessness or collapse", r"\b(?:clutch\w*|grabb\w*|grip\w*|holding|hold\w*|press\w*)\b.{0,20}\bchest\b",
                    r"\b(?:sweat\w*|clammy|grey|gray|pale|nause\w*|vomit\w*|collaps\w*|faint\w*|dizzy)\b|" + SOB),
                 _r("crushing or pressure-like chest pain", r"\b(?:crushing|elephant|vice|vise|squeezing|pressure|heavy|heaviness)\b",
                    CHEST + r"|substernal|retrosternal"),
                 _r("suspected heart attack", r"\b(?:heart attack|myocardial infarction|mi\b|stemi|nstemi|acute coronary|acs\b|"
                    r"unstable angina)"),
                 _r("chest pain on exertion", CHEST, PAIN, r"\b(?:exertion|exercis\w*|walking|climbing|stairs|shovel\w*)\b",
                    r"\b(?:new|worse|getting worse|at rest|started|sudden\w*|today|now)\b"),
             )),
    Category("stroke", "Possible stroke",
             f"{EMERGENCY}: these can be signs of a stroke. Note the time the symptoms started; every minute counts.",
             (
                 _r("face drooping", r"\b(?:face|facial|mouth|smile|lip)\b.{0,25}\b(?:droop\w*|drop\w*|sag\w*|lopsided|uneven|crooked|numb\w*)|"
                    r"\b(?:droop\w*|lopsided|crooked)\b.{0,20}\b(?:face|mouth|smile)\b"),
                 _r("slurred or lost speech", r"\b(?:slurr\w*|garbled|can'?t (?:speak|talk|get (?:his|her|my) words out|find (?:the |my )?words)|"
                    r"trouble (?:speaking|talking|finding words)|words (?:come|came) out wrong|aphasi\w*|dysarthri\w*|not making sense|speech (?:is )?(?:slurred|off|strange))"),
                 _r("sudden one-sided weakness or numbness", r"\b(?:one side|left side|right side|one arm|one leg|left arm|right arm|"
                    r"left leg|right leg|half (?:of )?(?:my|his|her|the) (?:body|face)|hemipar\w*|hemipleg\w*)\b",
                    r"\b(?:weak\w*|numb\w*|can'?t (?:move|lift|feel)|paralys\w*|dead|heavy|tingl\w*)"),
                 _r("suspected stroke", r"\b(?:stroke|tia|transient ischa?emic|mini[\s-]?stroke|cva)\b",
                    r"\b(?:having|has|had|think|thinks|sign|signs|symptoms?|now|just|suspect\w*|possible|could)\b"),
                 _r("sudden loss of vision or balance", SUDDEN, r"\b(?:vision|sight|see|blind\w*|balance|walk|coordination)\b",
                    r"\b(?:loss|lost|can'?t|cannot|double|gone|dim)\b"),
             )),
    Category("anaphylaxis", "Possible anaphylaxis",
             f"{EMERGENCY}: this may be a severe allergic reaction. Use an epinephrine (adrenaline) auto-injector if one "
             "is available, then call for help even if symptoms improve.",
             (
                 _r("swelling of the throat, tongue or lips", r"\b(?:throat|tongue|lips?|face|mouth|airway)\b",
                    r"\b(?:swell\w*|swollen|clos\w*|tight\w*|puff\w*|thick)\b",
                    r"\b(?:allerg\w*|sting|stung|bee|wasp|peanuts?|nuts?|ate|eating|shellfish|after (?:taking|eating|starting)|"
                    r"hives|antibiotic|penicillin|amoxicillin|reaction|injection|new (?:medicine|drug|pill))|" + SOB),
                 _r("hives or allergy with breathing trouble or faintness", r"\b(?:hives|welts|urticaria|allerg\w*|sting|stung|reaction|"
                    r"peanuts?|shellfish|prawns?|shrimp|nuts?)\b",
                    SOB + r"|\b(?:wheez\w*|stridor|faint\w*|dizzy|collaps\w*|passed out|throat|swallow\w*|vomit\w*|throwing up|"
                    r"floppy|hypotens\w*|low blood pressure)\b"),
                 _r("anaphylaxis happening now", r"\b(?:anaphyla\w*)\b", r"\b(?:having|going into|think|now|right now|"
                    r"current\w*|signs? of|happening|used (?:his|her|my) epi\w*)\b"),
                 _r("epinephrine used for a reaction", r"\b(?:used|gave|give|injected)\b.{0,25}\b(?:epipen|epi-pen|auto-?injector|adrenaline|epinephrine)\b"),
             )),
    Category("cauda_equina", "Possible cauda equina syndrome",
             f"{EMERGENCY} or go to the emergency department: numbness around the groin or new bladder or bowel problems "
             "with back pain can mean compression of the spinal nerves, which needs emergency treatment.",
             (
                 _r("saddle numbness", r"\b(?:saddle\b|numb\w*\s+(?:\w+\s+){0,3}(?:down there|between (?:my|the|his|her) legs|groin|bum|buttock\w*|"
                    r"genital\w*|private\w*|inner thighs?|perineum|perineal|vagina|penis|anus|back passage|butt)|"
                    r"(?:groin|bum|buttocks?|genitals?|inner thighs?|perineum|down there|butt)\s+(?:\w+\s+){0,3}(?:numb\w*|no feeling|can'?t feel)|"
                    r"can'?t feel\s+(?:\w+\s+){0,2}(?:bum|butt|groin|genitals?|down there|privates?))"),
                 _r("new loss of bladder or bowel control", r"\b(?:wet (?:my|him|her)sel(?:f|ves)|pee(?:d|ing)? (?:my|him|her)self|"
                    r"lost control of (?:my |the |his |her )?(?:bladder|bowels?)|los\w* (?:of )?(?:bladder|bowel) control|"
                    r"incontinen\w*|can'?t (?:hold|control) (?:my )?(?:pee|urine|bladder|bowels?|poo|stool)|soil\w* (?:my|him|her)self|"
                    r"can'?t (?:pee|urinate|wee)|unable to (?:pee|urinate|pass urine)|urinary retention|no urge to (?:pee|urinate)|"
                    r"(?:haven'?t|have not|hasn'?t|has not) (?:been able to )?(?:pee\w*|urinat\w*|pass\w* (?:urine|water)|wee\w*)|"
                    r"(?:not|cannot|can'?t) (?:\w+ ){0,2}(?:empty|emptying) (?:my|his|her) bladder)",
                    BACK + r"|\bleg\w*|sciatica|numb\w*"),
                 _r("suspected cauda equina", r"\bcauda equina\b", r"\b(?:think|signs?|symptoms?|have|has|could|suspect\w*|possible|worried)\b"),
                 _r("progressive leg weakness with back pain", BACK, r"\b(?:both legs|legs? (?:are |is |getting |going )?(?:weak\w*|numb|giving way|collaps\w*)|foot drop|"
                    r"can'?t (?:walk|stand|lift my (?:foot|feet|legs?)))"),
             )),
    Category("thunderclap_headache", "Sudden severe (thunderclap) headache",
             f"{EMERGENCY}: a sudden, severe headache that peaks within a minute can be bleeding around the brain.",
             (
                 _r("worst pain of life in the head", r"\b(?:worst|most severe)\b.{0,15}\bpain\b.{0,30}\b(?:ever|life)\b",
                    r"\b(?:head|headache|skull)\b"),
                 _r("worst headache of life", r"\b(?:worst|most severe|most painful)\b.{0,30}\b(?:headache|head ?ache|head pain)\b"),
                 _r("thunderclap onset", r"\b(?:thunderclap|thunder ?clap|explo\w*|like being hit|hit (?:me )?(?:on the head )?(?:with|by) a|"
                    r"baseball bat|split\w* (?:open|in two)|subarachnoid|sah\b|brain bleed)\b"),
                 _r("sudden severe headache", SUDDEN, r"\b(?:headache|head ?ache|head pain|pain in (?:my|his|her) head)\b",
                    r"\b(?:severe|worst|excruciating|unbearable|intense|terrible|agoni\w*|10/10|10 out of 10|blinding|"
                    r"collapsed|vomit\w*|stiff neck|passed out)\b"),
             )),
    Category("meningitis", "Possible meningitis or sepsis rash",
             f"{EMERGENCY}: fever with a stiff neck or a rash that does not fade under pressure can be meningitis.",
             (
                 _r("fever with stiff neck", r"\b(?:stiff (?:neck|neack)|neck (?:is )?stiff\w*|can'?t (?:bend|touch|move) (?:his |her |my )?(?:head|chin|neck)|"
                    r"neck stiffness|nuchal rigidity|meningism\w*)\b", FEVER + r"|\b(?:headache|vomit\w*|light hurts|photophob\w*|rash|drowsy|confus\w*)\b"),
                 _r("non-blanching rash", r"\b(?:(?:spots|dots|rash|marks|blotches)\b.{0,40}\b(?:don'?t|do not|doesn'?t|does not|won'?t) (?:fade|blanch|disappear)|non[\s-]?blanch\w*|doesn'?t (?:fade|blanch|go away) (?:when|under|with)|does not (?:fade|blanch)|"
                    r"won'?t (?:fade|blanch)|not (?:fading|blanching)|glass test|purpur\w*|petechia\w*|"
                    r"(?:tiny )?(?:red|purple) (?:pin ?prick )?(?:spots|dots|marks) (?:that )?(?:don'?t|do not|won'?t) fade)"),
                 _r("bulging fontanelle with fever or drowsiness", r"\b(?:bulg\w*|tense|swollen)\b.{0,20}\b(?:soft spot|fontanel\w*)\b",
                    FEVER + r"|\b(?:sleepy|drowsy|floppy|irritable|vomit\w*|won'?t feed|not feeding)\b"),
                 _r("suspected meningitis", r"\bmeningit\w*|meningococc\w*", r"\b(?:think|signs?|symptoms?|could|worried|suspect\w*|has|have|possible)\b"),
             )),
    Category("sepsis", "Possible sepsis",
             f"{EMERGENCY}: infection with these signs can be sepsis, which needs treatment within the hour.",
             (
                 _r("suspected sepsis", r"\b(?:sepsis|septic|septicemia|blood poisoning)\b"),
                 _r("fever during chemotherapy or immunosuppression", FEVER,
                    r"\b(?:chemo\w*|neutropen\w*|immunosuppress\w*|on (?:high[\s-]dose )?steroids|transplant|no spleen|splenectomy)\b"),
                 _r("abnormal vital signs with infection", FEVER + r"|\b(?:infection|source|uti|pneumonia)\b",
                    r"\b(?:sbp\s*(?:[4-8]\d|9[0-4])\b|lactate\s*(?:[2-9]|1\d)|qsofa|map\s*[3-6]\d\b|rr\s*(?:2[2-9]|[3-5]\d)\b.*\bhr\s*1[1-9]\d|hr\s*1[2-9]\d\b)"),
                 _r("fever or infection with confusion, mottled skin or very fast breathing",
                    FEVER + r"|\b(?:infection|infected|uti|pneumonia|cellulitis|wound)\b",
                    r"\b(?:confus\w*|disorient\w*|not making sense|very drowsy|hard to wake|won'?t wake|unresponsive|mottled|"
                    r"blotchy|blue (?:skin|lips)|grey skin|(?:low|dropping|falling) (?:blood pressure|bp)|(?:blood pressure|bp) (?:is |was |of |has |dropped to |fell to |down to )*(?:[4-8]\d|9[0-4])\s*/\s*\d{2,3}|"
                    r"(?:blood pressure|bp) (?:is |was )?(?:very |really )?low|hypotens\w*|"
                    r"heart (?:is )?racing|racing heart|breathing (?:very )?fast|not (?:peed|passed urine|urinated)|"
                    r"no urine|feel(?:s|ing)? like (?:i'?m|he'?s|she'?s) (?:going to )?die|cold (?:hands|feet) and|shaking uncontrollably)\b"),
             )),
    Category("dka", "Possible diabetic ketoacidosis",
             f"{EMERGENCY} or go to the emergency department: high blood sugar with vomiting, deep breathing or ketones "
             "can be diabetic ketoacidosis.",
             (
                 _r("suspected DKA", r"\b(?:dka|ketoacidosis|diabetic coma|hhs|hyperosmolar)\b"),
                 _r("meter reads HI or high ketones with vomiting or drowsiness",
                    r"\b(?:meter|monitor|glucometer|reading|sugar)\b.{0,15}\b(?:says|reads|shows|showing|saying|is)\s+hi\b|"
                    r"\bketones?\b.{0,12}\b(?:high|large|[3-9](?:\.\d)?)\b",
                    r"\b(?:vomit\w*|throwing up|tummy|stomach|abdominal|belly|breath\w*|confus\w*|drowsy|sleepy)\b"),
                 _r("thirst, passing lots of urine and weight loss, now unwell", r"\b(?:thirst\w*|drinking (?:loads|lots|constantly))\b",
                    r"\b(?:pee\w*|urinat\w*|wee\w*)\b", r"\b(?:confus\w*|drowsy|breathing (?:heav\w*|deep\w*|fast)|vomit\w*|throwing up)\b"),
                 _r("diabetes with ketones, vomiting or fruity breath", r"\b(?:diabet\w*|type 1|t1d|insulin|blood sugar|glucose|sugar)\b",
                    r"\b(?:ketones?|fruity|pear drops|acetone|kussmaul|deep (?:fast )?breathing|vomit\w*|throwing up|can'?t keep (?:anything|fluids) down|"
                    r"confus\w*|very drowsy|meter (?:says|reads) hi|reads? hi\b|over (?:3|4|5|6)\d\d|(?:3|4|5|6)\d\d mg/dl|"
                    r"[2-3]\d(?:\.\d)? mmol)"),
             )),
    Category("pulmonary_embolism", "Possible pulmonary embolism",
             f"{EMERGENCY}: sudden breathlessness or chest pain with these risks can be a blood clot in the lung.",
             (
                 _r("sudden breathlessness with clot risk", SUDDEN + "|" + SOB,
                    SOB + r"|\b(?:chest pain|pain in (?:the |my )?(?:side of (?:my |the )?)?chest|coughing (?:up )?blood|haemoptysis|hemoptysis)\b",
                    r"\b(?:calf|(?:leg|calf) (?:is |was |got |has been )?(?:swollen|swelling|pain|sore)|swollen (?:calf|leg)|long (?:flight|haul|drive|car ride)|flew|"
                    r"after (?:\w+ ){0,3}(?:surgery|operation|op|replacement|flight|giving birth|delivery|c-section|caesarean|cesarean)|"
                    r"since (?:my |his |her |the )?(?:surgery|operation|op)|post-?op\w*|postpartum|recent (?:surgery|operation)|"
                    r"on the pill|birth control|"
                    r"dvt|blood clot|clot|pregnan\w*|cancer|immobil\w*|bed ?ridden|cast)\b"),
                 _r("suspected pulmonary embolism", r"\b(?:pulmonary embol\w*|pe\b|clot (?:in|on) (?:my|his|her|the) lungs?|blood clot in (?:my|his|her|the) lungs?)",
                    r"\b(?:think|could|suspect\w*|possible|worried|might|signs?|symptoms?|now|sudden\w*)\b"),
                 _r("coughing blood with breathlessness", r"\b(?:cough\w* (?:up )?blood|haemoptysis|hemoptysis|blood when i cough)\b", SOB + r"|\bchest pain\b"),
             )),
    Category("preeclampsia", "Possible pre-eclampsia",
             f"{EMERGENCY} or your maternity unit now: in pregnancy or soon after birth, these can be signs of "
             "pre-eclampsia.",
             (
                 _r("pregnancy with severe headache, vision change or high blood pressure",
                    r"\b(?:pregnan\w*|weeks? (?:pregnant|along)|gestation|trimester|postpartum|post-partum|gave birth|"
                    r"after (?:giving birth|delivery)|(?:just )?had (?:a|my|the|our|her) baby|[1-4]\d\s?/\s?40|"
                    r"(?:is|am|i'?m|she'?s|at) [1-4]\d ?(?:wks?|weeks?)\b|g\d\s*p\d|g[1-9]\b)",
                    r"\b(?:(?:severe|terrible|awful|splitting|worst) headache|proteinuria|spots (?:in|before) (?:my|her) eyes|bad headache|headache (?:that )?(?:won'?t|will not) go|pounding headache|"
                    r"(?:blurr\w*|blurry|flashing|spots|sparkl\w*|double|lost|changes? in|loss of) (?:\w+ )?(?:vision|sight|lights)|"
                    r"seeing (?:spots|stars|flashing lights)|vision (?:is )?(?:blurr\w*|blurry|chang\w*)|flashing lights|"
                    r"upper (?:right )?(?:belly|abdominal|stomach|tummy) pain|epigastric pain|pain (?:under|below) (?:my|her) (?:right )?ribs|"
                    r"(?:blood pressure|bp) (?:is |of )?(?:1[4-9]\d|2\d\d)|1[4-9]\d/(?:9|1[0-2])\d|"
                    r"sudden (?:swelling|puff\w*)|(?:face|hands) (?:\w+ )?(?:swollen|puff\w*)|seizure|fit|convuls\w*)"),
                 _r("suspected pre-eclampsia", r"\b(?:pre[\s-]?eclampsia|eclampsia|hellp)\b",
                    r"\b(?:think|signs?|symptoms?|could|worried|suspect\w*|possible|have|has|now)\b"),
             )),
    Category("testicular_torsion", "Possible testicular torsion",
             f"{EMERGENCY} or go to the emergency department now: sudden testicle pain can be torsion, which needs "
             "surgery within hours to save the testicle.",
             (
                 _r("sudden testicle pain", r"\b(?:testic\w*|testes|testis|scrot\w*|balls?|nuts|groin)\b",
                    r"\b(?:sudden\w*|severe|excruciating|woke (?:him |me )?up|vomit\w*|swollen|swelling|high|twisted|"
                    r"really bad|worst|unbearable)\b", PAIN + r"|\bswollen|swelling"),
                 _r("suspected torsion", r"\btorsion\b"),
             )),
    Category("gi_bleeding", "Possible gastrointestinal bleeding",
             f"{EMERGENCY} or go to the emergency department: vomiting blood or passing black or large amounts of "
             "blood can mean serious bleeding.",
             (
                 _r("vomiting blood", r"\b(?:vomit\w*|throw\w* up|threw up|puk\w*|sick)\b.{0,25}\b(?:blood|bloody|coffee[\s-]?grounds?)|"
                    r"\b(?:ha?ematemesis)\b|\bcoffee[\s-]?ground"),
                 _r("black, tarry stools", r"\b(?:black|tarry|tar-like|jet black|dark black)\b.{0,20}\b(?:stools?|poo\w*|poop\w*|"
                    r"bowel movements?|diarrh\w*|feces|faeces)|\bmela?ena\b|\b(?:stools?|poo\w*|poop\w*|bowel movements?)\b.{0,20}\b(?:black|tarry|tar-like)\b",
                    r"^(?!.*\b(?:iron (?:tablets?|pills?|supplements?)|on iron|taking iron|bismuth|pepto|ferrous)\b)"),
                 _r("heavy rectal bleeding", r"\b(?:lots of|large amounts? of|a lot of|heavy|pouring|clots of|cups? of)\b.{0,20}\b(?:blood|bleeding)",
                    r"\b(?:stools?|poo\w*|poop\w*|rectal\w*|bottom|bum|toilet|bowel)\b"),
                 _r("bleeding with faintness", r"\b(?:blood|bleeding)\b", r"\b(?:stools?|poo\w*|poop\w*|rectal\w*|vomit\w*|toilet)\b",
                    r"\b(?:dizzy|faint\w*|passed out|light-?headed|collaps\w*|pale|racing heart)\b"),
             )),
    Category("infant_fever", "Fever in a young infant",
             "Go to the emergency room now. A baby under 3 months with a temperature of 100.4 F (38 C) or higher "
             "must be seen by a doctor now, even if they seem well; a baby 1 to 3 months old may instead be seen by "
             "their own doctor only if that is within the next 2 hours. Take a baby under 1 month straight to the "
             "emergency room. Call 911 if your baby is hard to wake, floppy, struggling to breathe, blue or grey, or "
             "has a seizure. Do not give fever medicine first unless a doctor tells you to.",
             ()),  # decided from the patient context (age under 3 months plus fever): see urgent.py
    Category("spinal_red_flags", "Back pain with red flags for infection, cancer or fracture",
             "Seek same-day medical assessment (emergency department if severe): back pain with these features can "
             "be a spinal infection, a cancer deposit or a fracture.",
             (
                 _r("back pain with fever", BACK, FEVER),
                 _r("back pain with injection drug use", BACK, r"\b(?:iv drug|injects? drugs|inject\w* (?:heroin|drugs)|"
                    r"intravenous drug|ivdu|pwid|shoot(?:s|ing)? up)\b"),
                 _r("back pain with a history of cancer or unexplained weight loss", BACK, r"\b(?:cancer|tumou?r|malignan\w*|"
                    r"metasta\w*|myeloma|lymphoma|unexplained weight loss|losing weight without|weight loss|night sweats|"
                    r"lost (?:\w+ ){0,3}(?:without trying|weight)|(?:keeps|kept|keeping) (?:me|him|her) (?:awake|up) at night|awake at night|"
                    r"pain (?:at|worse at) night|wakes? (?:me|him|her) (?:up )?at night)\b"),
                 _r("back pain after major trauma or with osteoporosis", BACK, r"\b(?:fell|fall|falls|falling|fallen|car (?:crash|accident)|"
                    r"accident|trauma|hit by|fell off|fell from|osteoporo\w*|long[\s-]term steroids|on steroids|prednisone for years)\b"),
                 _r("suspected spinal infection", r"\b(?:epidural abscess|spinal abscess|discitis|osteomyelitis|spinal infection|"
                    r"vertebral fracture|spinal fracture|broken (?:back|vertebra))\b"),
             )),
    Category("breathing_difficulty", "Severe breathing difficulty",
             f"{EMERGENCY}: severe difficulty breathing needs emergency help.",
             (
                 _r("cannot breathe or speak in sentences", r"\b(?:can'?t (?:breathe?|catch (?:my|his|her) breath)|cannot breathe?|"
                    r"can not breathe?|unable to breathe?|struggling to breathe?|gasping|fighting for (?:air|breath)|"
                    r"can'?t (?:speak|talk|finish|say) (?:in |a )?(?:full )?(?:sentences?|words?)|one word at a time|"
                    r"stopped breathing|not breathing|choking|respiratory distress|air hunger|too (?:breathless|short of breath|out of breath) to (?:talk|speak|walk)|"
                    r"grunting|nostrils flaring|(?:baby|infant|child|toddler|son|daughter)\b.{0,30}\bbreathing (?:really |very )?(?:fast|hard|rapid\w*))\b"),
                 _r("blue lips or low oxygen", r"\b(?:blue|bluish|grey|gray|purple)\b.{0,15}\b(?:lips?|face|fingers|skin|tongue)\b|"
                    r"\b(?:lips?|face|fingers|skin|tongue)\b.{0,15}\b(?:blue|bluish|grey|gray|purple)\b|"
                    r"\bcyano\w*|\b(?:oxygen|o2|sats?|saturation|spo2)\b.{0,20}\b(?:[5-8]\d|9[0-1])\s*%?"),
                 _r("severe asthma or COPD attack", r"\b(?:asthma|copd|wheez\w*|emphysema)\b",
                    r"\b(?:inhaler (?:is )?(?:not|isn'?t|doesn'?t|didn'?t|no longer) (?:help\w*|work\w*)|not helping|"
                    r"severe (?:attack|asthma|wheez\w*)|bad attack|getting worse (?:fast|quickly)|can'?t (?:speak|talk)|"
                    r"ribs? (?:sucking|pulling) in|chest (?:sucking|pulling) in|exhausted from breathing|drowsy|"
                    r"used (?:my |his |her )?inhaler \d+ times|every (?:few )?minutes)\b"),
                 _r("severe breathlessness", r"\b(?:severe(?:ly)?|extreme(?:ly)?|very|really bad|worst)\b.{0,12}\b"
                    r"(?:short(?:ness)? of breath|breathless\w*|dyspn\w*|difficulty breathing|trouble breathing)\b"),
                 _r("breathless at rest", SOB, r"\b(?:at rest|sitting still|lying (?:down|flat)|even resting|while resting|when resting)\b"),
             )),
    Category("overdose", "Possible poisoning or overdose",
             f"{EMERGENCY} or Poison Control (1-800-222-1222 in the US) now, even if the person seems well.",
             (
                 _r("too many tablets taken", r"\b(?:took|taken|swallowed|ate|has had|drank)\b.{0,30}\b(?:whole (?:bottle|pack|box)|"
                    r"all (?:of )?(?:my|his|her|the) (?:pills|tablets|meds)|too many|overdos\w*|\d{2,} (?:pills|tablets|capsules)|"
                    r"\d{2,} (?!doses?\b|times\b|mg\b|ml\b|mls\b|milligrams?\b|g\b|grams?\b|mcg\b)(?:\w+ ){0,2}(?:tylenol|advil|motrin|aleve|ibuprofen|acetaminophen|paracetamol|aspirin|"
                    r"naproxen|benadryl|sleeping pills|caplets|gel ?caps))"),
                 _r("overdose", r"\b(?:overdos\w*|poisoned|poisoning)\b", r"\b(?:took|has|have|had|just|accidental\w*|child|kid|toddler|son|daughter|now)\b"),
                 _r("a child swallowed medicine", r"\b(?:baby|toddler|child|kid|son|daughter|\d{1,2}[\s-]*(?:years?|yrs?|months?)[\s-]*old|"
                    r"\d{1,2}\s*(?:yo|y/o|m/o))\b",
                    r"\b(?:swallowed|drank|got into|chewed up|ate)\s+(?:\w+\s+){0,4}(?:pills?|tablets?|chewables?|caplets?|"
                    r"capsules?|gummies|medicine|medication|bottle|tylenol|motrin|advil|ibuprofen|acetaminophen|aspirin|"
                    r"benadryl|vitamins?|vicks|vaporub|button batter(?:y|ies)|batter(?:y|ies)|magnets?|coins?)\b"),
                 _r("an accidental double dose", r"\b(?:accidental\w*|by mistake|double[ -]?dos\w*|(?:twice|two doses) "
                    r"(?:in|within) (?:an?|one|the same|half an?|\d+) ?(?:\w+ )?(?:hours?|minutes?|mins?))\b",
                    r"\b(?:pills?|tablets?|dose|doses|ml|tylenol|motrin|advil|ibuprofen|acetaminophen|medicine)\b"),
             )),
    Category("collapse", "Collapse, seizure or unresponsiveness",
             f"{EMERGENCY}: loss of consciousness, a seizure or unresponsiveness needs emergency help.",
             (
                 _r("unresponsive or collapsed", r"\b(?:unresponsive|unconscious|won'?t wake up|can'?t wake (?:him|her|them)|"
                    r"collapsed|passed out and|not waking)\b"),
                 _r("seizure", r"\b(?:seizure|seizing|convuls\w*|fitting)\b", r"\b(?:having|now|first|won'?t stop|minutes|just had|is)\b"),
             )),
)
