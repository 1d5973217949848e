"""The registry of finding codes: the one place that holds their words.

The rules emit codes and data; this registry gives each code its severity, a one-line message
template and a longer explanation. Severity: `error` is a breach, an act without legal effect, or
data that contradicts the rules; `warning` needs attention but is lawful; `info` is a note on the data.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning", "info"]


@dataclass(frozen=True)
class Code:
    code: str
    severity: Severity
    summary: str
    message: str  # str.format template; fields: state, date, treaty, record, and the rule's details
    explanation: str
    general_law: str | None = None  # a general-law citation beside the treaty clause, if any
    example: str | None = None  # a minimal dataset (YAML) that triggers the code; tested


def _two_parties(treaty: str, signed: str, ratified: str) -> str:
    """The opening of an example about a bilateral treaty: both parties sign, then ratify, together."""
    return "events:\n" + "".join(
        f"  - {{id: {who}-{what[:3]}, treaty: {treaty}, state: {who.upper()}, action: {what}, date: {day}}}\n"
        for what, day in (("signature", signed), ("ratification", ratified)) for who in ("usa", "rus")
    )


_NEW_START_PARTIES = _two_parties("new_start", "2010-04-08", "2011-02-05")
_INF_PARTIES = _two_parties("inf", "1987-12-08", "1988-06-01")

CODES: dict[str, Code] = {
    c.code: c
    for c in [
        Code(
            "suspension_not_permitted", "error",
            "A suspension the treaty does not provide for: no legal effect",
            "{state} declared a suspension of the {treaty} on {date}; the treaty has no suspension "
            "clause and no other party's consent is recorded, so the declaration has no legal effect: "
            "its status stays {status} and every obligation continues",
            "Checks every `suspension` record against the treaty's suspension clause. Under the "
            "VCLT a treaty's operation may be suspended for a party only as the treaty provides or "
            "with the consent of all the parties (Art. 57), or between some parties by an agreement "
            "the treaty does not prohibit (Art. 58): a unilateral declaration is neither. The "
            "general-law grounds need more than a declaration: a material breach by another party "
            "(Art. 60), a fundamental change of circumstances that was not foreseen (Art. 62; a war "
            "the treaty itself provides for was foreseen), and in each case the procedure of "
            "Art. 65 (a notification with reasons, then three months). Where the treaty has its "
            "own armed-conflict clause, that clause governs: an armed conflict does not by itself "
            "suspend a treaty (ILC Draft Articles on the effects of armed conflicts on treaties, "
            "2011, Arts. 3, 4, 7). Ukraine's 2025 declaration on the Mine Ban Treaty is the case: "
            "the Convention gives withdrawal (Art. 20), with its own armed-conflict rule (Art. "
            "20(3)), and the Twenty-Second Meeting of States Parties affirmed that it does not allow "
            "the suspension of its operation.",
            "VCLT Art. 57",
            example="""\
events:
  - {id: ukr-acc, treaty: apmbc, state: UKR, action: accession, date: 2005-12-27}
  - {id: ukr-sus, treaty: apmbc, state: UKR, action: suspension, date: 2025-07-18}
"""
        ),
        Code(
            "reservation_not_permitted", "error",
            "A reservation to a treaty that excludes reservations",
            "{state} formulated a reservation on {date}; the treaty excludes reservations, so it has no legal effect",
            "Checks every `reservation` record against the treaty's reservations clause.",
            "VCLT Art. 19(a)",
            example="""\
events:
  - {id: fin-acc, treaty: apmbc, state: FIN, action: accession, date: 2012-01-09}
  - {id: fin-res, treaty: apmbc, state: FIN, action: reservation, date: 2012-01-09}
"""
        ),
        Code(
            "withdrawal_by_non_party", "error",
            "A withdrawal by a state that is not a party",
            "{state} deposited a withdrawal on {date} while {status}; only a State Party can withdraw, "
            "so it has no legal effect as a withdrawal{renounces}",
            "A withdrawal needs a treaty in force for the withdrawing state. A signatory, a state "
            "whose instrument has not yet entered into force, or a state that already withdrew "
            "has nothing to withdraw from. A signatory's or a pending state's notice still makes "
            "clear that it does not intend to be bound, which ends its obligation not to defeat "
            "the treaty's object and purpose (VCLT Art. 18): its later conduct is no longer "
            "reported as `object_and_purpose_at_risk`.",
            example="""\
events:
  - {id: usa-sig, treaty: apmbc, state: USA, action: signature, date: 1997-12-04}
  - {id: usa-wd, treaty: apmbc, state: USA, action: withdrawal, date: 2025-01-01}
"""
        ),
        Code(
            "duplicate_withdrawal", "error",
            "A second withdrawal while one is already pending",
            "{state} deposited a withdrawal on {date} while an earlier one ({records}) was still pending; it has no legal effect",
            "While a withdrawal is pending the state cannot start another notice period; the "
            "first notice runs on.",
            example="""\
events:
  - {id: fin-acc, treaty: apmbc, state: FIN, action: accession, date: 2012-01-09}
  - {id: fin-wd1, treaty: apmbc, state: FIN, action: withdrawal, date: 2025-07-10}
  - {id: fin-wd2, treaty: apmbc, state: FIN, action: withdrawal, date: 2025-09-01}
"""
        ),
        Code(
            "withdrawal_not_permitted", "error",
            "A withdrawal from a treaty that provides none",
            "{state} deposited a withdrawal on {date}; the treaty's definition provides no right of withdrawal",
            "Checks withdrawal records against the treaty's withdrawal clause.",
            "VCLT Art. 56",
        ),
        Code(
            "withdrawal_revocation_without_effect", "error",
            "A withdrawal revoked after it took effect, or with none pending",
            "{state} revoked a withdrawal on {date}, but no withdrawal was pending that day; the revocation has no legal effect",
            "A notice of withdrawal may be revoked only before it takes effect. Afterwards the "
            "state is outside the treaty and must join again.",
            "VCLT Art. 68",
            example="""\
events:
  - {id: fin-acc, treaty: apmbc, state: FIN, action: accession, date: 2012-01-09}
  - {id: fin-wd, treaty: apmbc, state: FIN, action: withdrawal, date: 2025-07-10}
  - {id: fin-rev, treaty: apmbc, state: FIN, action: withdrawal_revocation, date: 2026-01-10}
"""
        ),
        Code(
            "accession_before_entry_into_force", "warning",
            "An accession deposited before the treaty opened for accession",
            "{state} acceded to the {treaty} on {date}, before the treaty entered into force; it is open "
            "for accession only after that (the instrument is read as accepted, and binds with the treaty)",
            "Some treaties open accession only once they are in force (ATT Art. 21(3): \"Following its "
            "entry into force, this Treaty shall be open for accession by any State that has not "
            "signed the Treaty\"). Before that day a state that has not signed has no instrument the "
            "treaty provides. As with an instrument of the wrong kind, the record shows the "
            "depositary accepted it, so the rules let it bind with the treaty and report the mismatch.",
            example="""\
events:
  - {id: xyz-acc, treaty: att, state: NZL, action: accession, date: 2014-10-01}
"""
        ),
        Code(
            "unsigning_without_effect", "error",
            "A notice of intent not to become a party by a state that is not (only) a signatory",
            "{state} gave notice on {date} that it does not intend to become a party to the {treaty}, "
            "but its status that day was {status}: only a signatory that has not consented can un-sign, "
            "so the notice has no legal effect",
            "Under VCLT Art. 18(a) a signatory is bound not to defeat the treaty's object and purpose "
            "\"until it shall have made its intention clear not to become a party\". Such a notice "
            "(the US on the Rome Statute in 2002 and the Arms Trade Treaty in 2019) ends the "
            "signature's effect: the state is a non-party again. A state that never signed has "
            "nothing to renounce; one that has deposited an instrument must revoke it before entry "
            "into force (`ratification_revocation`) or, once bound, withdraw.",
            "VCLT Art. 18(a)",
            example="""\
events:
  - {id: usa-uns, treaty: att, state: USA, action: unsigning, date: 2019-07-18}
"""
        ),
        Code(
            "ratification_revocation_without_effect", "error",
            "An instrument revoked after the treaty entered into force for the state, or with none pending",
            "{state} revoked its instrument under the {treaty} on {date}, but its status that day was "
            "{status}: an instrument can be withdrawn only before the treaty enters into force for the "
            "state, so the revocation has no legal effect",
            "Consent to be bound takes effect with the treaty's entry into force for the state (VCLT "
            "Art. 24). Until then, State practice treats an instrument as withdrawable: Russia revoked "
            "its ratification of the CTBT, which is not in force, on 2 November 2023 and is a "
            "signatory again. Once the treaty is in force for the state, it is bound and can leave "
            "only by withdrawal under the treaty's clause; with no instrument pending there is "
            "nothing to revoke.",
            "VCLT Art. 24",
            example="""\
events:
  - {id: fra-sig, treaty: apmbc, state: FRA, action: signature, date: 1997-12-03}
  - {id: fra-rat, treaty: apmbc, state: FRA, action: ratification, date: 1998-07-23}
  - {id: fra-rev, treaty: apmbc, state: FRA, action: ratification_revocation, date: 2000-01-01}
"""
        ),
        Code(
            "withdrawal_notice_too_short", "error",
            "A withdrawal whose intended date leaves less notice than the treaty requires",
            "{state}'s withdrawal of {date} gives {specified} as its date, less notice than the {treaty} "
            "requires{consequence}",
            "Some treaties let the notice name the day of withdrawal but require a minimum notice "
            "before it (Open Skies Art. XV(2): \"at least six months in advance of the date of its "
            "intended withdrawal\"). A date closer than that is not one the treaty allows. Under the "
            "default reading (`defective_notice=period_counts`) the notice still counts and the rules "
            "count the notice period from it, the earliest day it can take effect; under `no_effect` "
            "it is no notice at all, and the state stays a party.",
            example="""\
events:
  - {id: usa-sig, treaty: open_skies, state: USA, action: signature, date: 1992-03-24}
  - {id: usa-rat, treaty: open_skies, state: USA, action: ratification, date: 1993-12-03}
  - {id: usa-wd, treaty: open_skies, state: USA, action: withdrawal, date: 2020-05-22, specified_date: 2020-08-01}
"""
        ),
        Code(
            "withdrawal_date_not_provided", "warning",
            "A withdrawal that names a day of its own where the treaty provides none",
            "{state}'s withdrawal of {date} names {specified} as its day, but the {treaty} provides no "
            "such choice: the notice period counts, and it takes effect on {notice_expiry} (unless "
            "deferred)",
            "Where a treaty's withdrawal clause fixes the period (APMBC Art. 20(3): \"six months "
            "after the receipt of the instrument of withdrawal\") a day named in the notice does "
            "not move it. The rules count the treaty's period and report the named day, which may "
            "show the state's intent or an error in the record.",
            example="""\
events:
  - {id: fin-acc, treaty: apmbc, state: FIN, action: accession, date: 2012-01-09}
  - {id: fin-wd, treaty: apmbc, state: FIN, action: withdrawal, date: 2025-07-10, specified_date: 2026-03-01}
"""
        ),
        Code(
            "withdrawal_statement_missing", "warning",
            "A withdrawal notice without the statement the treaty requires",
            "{state}'s notice of withdrawal of {date} is recorded without the statement the {treaty} "
            "requires{consequence}",
            "Several treaties require the notice to state its reasons (NPT Art. X(1): \"Such notice "
            "shall include a statement of the extraordinary events it regards as having jeopardized "
            "its supreme interests\"; CWC Art. XVI(2), BWC Art. XIII(2)). A record with `statement: "
            "false` is reported. The treaties do not say the notice is void without it: under the "
            "default reading (`defective_notice=period_counts`) its period still counts, and its "
            "validity is left to the parties; under `no_effect` it is no notice at all. A record that "
            "does not say (`statement` absent) is not reported.",
            example="""\
events:
  - {id: prk-acc, treaty: npt, state: PRK, action: accession, date: 1985-12-12}
  - {id: prk-wd, treaty: npt, state: PRK, action: withdrawal, date: 1993-03-12, statement: false}
"""
        ),
        Code(
            "suspension_contested", "warning",
            "A suspension claimed on a ground of general law: its effect is contested",
            "{state} suspended the {treaty} on {date}{against}, claiming {ground_words}; the treaty has "
            "no suspension clause, so the suspension rests on general law ({law_words}) and its effect "
            "is contested: {evidence}. Its status stays {status}",
            "A treaty without a suspension clause may be suspended only by consent of all the parties "
            "(VCLT Art. 57) or on a ground of general law, which these rules name but cannot decide: "
            "a material breach of a bilateral treaty by the other party (Art. 60(1)); of a multilateral "
            "treaty, in the relations with the defaulting state (Art. 60(2)(b)), or with every party "
            "only where the breach radically changes every party's position (Art. 60(2)(c)); a "
            "fundamental change of circumstances the parties did not foresee (Art. 62), which cannot "
            "be invoked by a party whose own breach caused it (Art. 62(2)(b)). The finding says what "
            "the records show: a breach alleged (`breach_allegation`) or prohibited conduct recorded "
            "against the state invoked against, objections by other parties (`objection`), and the "
            "Art. 65 procedure: a notification of the claim (`suspension_notification`) and three "
            "months before acting, except in special urgency (`urgency: true`). The suspending "
            "state's status does not change: it stays a party, bound, and the verdict on a proposed "
            "suspension is `contested`.",
            "VCLT Arts. 57, 60, 62, 65",
            example=_INF_PARTIES + """\
  - {id: usa-alleges, treaty: inf, state: USA, action: breach_allegation, date: 2014-07-29, counterparty: RUS}
  - {id: usa-sus, treaty: inf, state: USA, action: suspension, date: 2019-02-02, ground: material_breach, invoked_against: [RUS]}
"""
        ),
        Code(
            "treaty_ended", "info",
            "The treaty ended: its term expired, a later treaty took its place, or a party left a bilateral treaty",
            "The {treaty} ended on {date} ({cause_words}): every state it bound, or whose instrument was "
            "pending, is terminated from that day",
            "A treaty of fixed duration ends when its term runs out, extended only as the treaty "
            "allows (New START Art. XIV(2)); a treaty ends when all its parties conclude a later one on "
            "the same subject that takes its place (VCLT Art. 59); a bilateral treaty ends when one "
            "party's withdrawal takes effect (INF Art. XV(2)). From that day its states are "
            "`terminated`: no longer bound, and no act under it has effect. A conference that decides "
            "on the duration (NPT Art. X(2)) keeps the treaty in force past its term until it decides.",
            example=_INF_PARTIES + """\
  - {id: usa-wd, treaty: inf, state: USA, action: withdrawal, date: 2019-02-02, statement: true}
"""
        ),
        Code(
            "act_after_treaty_end", "error",
            "An act under a treaty that had already expired or been superseded",
            "{state}'s {action} of {date} came after the {treaty} ended on {ended}: there was nothing left to act on, so it has no legal effect",
            "Once a treaty's term has run out, or a later treaty has taken its place, no signature, "
            "instrument, withdrawal or other act under it has any effect.",
            example=_NEW_START_PARTIES + """\
  - {id: usa-wd, treaty: new_start, state: USA, action: withdrawal, date: 2021-03-01, statement: true}
"""
        ),
        Code(
            "withdrawal_overtaken_by_treaty_end", "info",
            "A withdrawal notice still running when the treaty ended",
            "{state}'s withdrawal of {date} was still running when the {treaty} ended on {ended}: it never took effect, "
            "because the end released the state from the treaty first",
            "A withdrawal takes effect only at the end of its notice period (or later, where an armed "
            "conflict holds it back). If the treaty itself ends before then, by the expiry of its term, "
            "a later treaty or the other party's withdrawal, the state is released by that end (VCLT "
            "Art. 70(1)(a)) and the notice is overtaken: the status is `terminated` from the end, and a "
            "proposed withdrawal is answered with no day of effect.",
            general_law="VCLT Art. 70(1)(a)",
            example=_NEW_START_PARTIES + """\
  - {id: usa-wd, treaty: new_start, state: USA, action: withdrawal, date: 2020-12-01, statement: true}
"""
        ),
        Code(
            "term_extension_without_effect", "error",
            "An extension of a treaty's term that the treaty does not allow",
            "The extension of the {treaty} recorded on {date} has no legal effect: the treaty allows no "
            "further extension, or its term had already ended",
            "A fixed-term treaty may be extended only as its own clause allows: New START Art. XIV(2) "
            "allows one extension, agreed while the treaty is in force. A second extension, one the "
            "treaty does not provide for, or one agreed after the term ran out changes nothing: the "
            "treaty ends when it would have.",
            example=_NEW_START_PARTIES + """\
  - {id: ext-1, treaty: new_start, state: USA, action: term_extension, date: 2021-02-03, extended_until: 2026-02-05}
  - {id: ext-2, treaty: new_start, state: USA, action: term_extension, date: 2026-01-10, extended_until: 2027-02-05}
"""
        ),
        Code(
            "term_extension_too_long", "error",
            "An extension of a treaty's term beyond the longest the treaty allows",
            "The extension of the {treaty} recorded on {date} goes beyond the longest extension the "
            "treaty allows: it extends the treaty only to {latest}",
            "New START Art. XIV(2) allows an extension \"for a period of no more than five years\". "
            "An extension recorded as longer (or as indefinite) is read as the longest the treaty "
            "allows, and reported.",
            example=_NEW_START_PARTIES + """\
  - {id: ext-1, treaty: new_start, state: USA, action: term_extension, date: 2021-02-03, extended_until: 2028-02-05}
"""
        ),
        Code(
            "withdrawal_paused", "warning",
            "A pending withdrawal notice paused before it took effect",
            "{state} paused on {date} its pending withdrawal notice ({record}){pause_words}",
            "No arms-control treaty provides for pausing a withdrawal notice, but one was: the DPRK "
            "gave notice under NPT Art. X(1) on 12 March 1993 and \"suspended\" it on 11 June 1993, "
            "one day before it would have taken effect; on 10 January 2003 it declared the withdrawal "
            "effective the next day. While paused the notice is neither revoked nor in effect (the "
            "state stays `withdrawing`). What a resumption gives is the `paused_notice` reading: "
            "`fresh_period` (a full notice period from the resumption, the default), `remaining` (the "
            "days left at the pause) or `no_notice` (the pause ended the notice; a resumption is no "
            "notice, and the state stays a party). A pause counts while the notice is pending, an armed "
            "conflict holding it back included (then no days are left); a resumed notice may be paused "
            "and resumed again, and the finding tells the last pause and resumption.",
            example="""\
events:
  - {id: prk-acc, treaty: npt, state: PRK, action: accession, date: 1985-12-12}
  - {id: prk-wd, treaty: npt, state: PRK, action: withdrawal, date: 1993-03-12, statement: true}
  - {id: prk-pause, treaty: npt, state: PRK, action: withdrawal_suspension, date: 1993-06-11}
  - {id: prk-resume, treaty: npt, state: PRK, action: withdrawal_resumption, date: 2003-01-10}
"""
        ),
        Code(
            "withdrawal_resumption_without_effect", "error",
            "A resumption of a withdrawal notice with no paused notice to resume",
            "{state} declared on {date} that it resumed a withdrawal, but no paused notice was pending: the declaration has no legal effect as a resumption",
            "Only a pending notice that was paused can be resumed. A new withdrawal needs a new notice.",
            example="""\
events:
  - {id: prk-acc, treaty: npt, state: PRK, action: accession, date: 1985-12-12}
  - {id: prk-resume, treaty: npt, state: PRK, action: withdrawal_resumption, date: 2003-01-10}
"""
        ),
        Code(
            "withdrawal_deferred_by_armed_conflict", "warning",
            "A withdrawal held back because the state is engaged in an armed conflict",
            "{state}'s withdrawal of {date}: its notice period expires on {notice_expiry}, a day on which "
            "it is engaged in an armed conflict ({records}){takes_effect_text}",
            "Under the armed-conflict clause a withdrawal cannot take effect while the withdrawing "
            "state is engaged in an armed conflict on the day its notice period expires. Under the "
            "default `literal` reading it takes effect at the end of the conflicts engaging the "
            "state on that day; under `chained`, a conflict engaging it when that deferral ends "
            "defers it again (`treaty-check readings`). Conflicts engage their states from `start` "
            "up to, not including, `end` (the `conflict_end` reading). A conflict starting on the "
            "expiry day itself engages the state that day, and the message says so.",
            example="""\
events:
  - {id: ukr-acc, treaty: apmbc, state: UKR, action: accession, date: 2005-12-27}
  - {id: ukr-wd, treaty: apmbc, state: UKR, action: withdrawal, date: 2025-07-16}
conflicts:
  - {id: rus-ukr, states: [RUS, UKR], start: 2014-02-20, end: null}
"""
        ),
        Code(
            "signature_after_closure", "error",
            "A signature after the treaty closed for signature",
            "{state} signed on {date}, after signature had closed; it has no legal effect (the state may accede instead)",
            "A treaty open for signature 'until its entry into force' is closed on the day it "
            "enters into force. Later, states join by accession.",
            example="""\
events:
  - {id: mhl-sig, treaty: apmbc, state: MHL, action: signature, date: 1999-03-01}
"""
        ),
        Code(
            "action_before_opening", "error",
            "A signature or instrument dated before the treaty opened",
            "{state}'s act of {date} is dated before the treaty opened for signature; it has no legal effect",
            "No state can sign or consent to a treaty before it is open for signature; such a date is usually a typo.",
            example="""\
events:
  - {id: can-sig, treaty: apmbc, state: CAN, action: signature, date: 1997-12-02}
"""
        ),
        Code(
            "duplicate_signature", "error",
            "A signature by a state that had already signed or consented",
            "{state} signed on {date}, but had already signed or consented; it has no legal effect",
            "A state signs once. A second signature record is a duplicate in the data.",
            example="""\
events:
  - {id: ukr-sig1, treaty: apmbc, state: UKR, action: signature, date: 1998-01-10}
  - {id: ukr-sig2, treaty: apmbc, state: UKR, action: signature, date: 1999-02-24}
"""
        ),
        Code(
            "ratification_without_signature", "error",
            "Ratification, acceptance or approval without a prior signature",
            "{state} deposited an instrument on {date} of a kind reserved to signatories, but no signature is recorded before it",
            "Ratification, acceptance and approval are open to signatories; other states accede. "
            "The depositary accepted the instrument, so it binds the state, but the record of its "
            "kind (or of the signature) contradicts the treaty.",
            example="""\
events:
  - {id: fin-rat, treaty: apmbc, state: FIN, action: ratification, date: 2012-01-09}
"""
        ),
        Code(
            "accession_by_signatory", "error",
            "Accession by a state that had signed",
            "{state} acceded on {date}, but had signed earlier; a signatory ratifies, accepts or approves",
            "Accession is open to states that have not signed. The instrument binds the state, but "
            "the record of its kind (or of the signature) contradicts the treaty.",
            example="""\
events:
  - {id: ukr-sig, treaty: apmbc, state: UKR, action: signature, date: 1999-02-24}
  - {id: ukr-acc, treaty: apmbc, state: UKR, action: accession, date: 2005-12-27}
"""
        ),
        Code(
            "consent_not_provided", "error",
            "An instrument of a kind the treaty does not provide for",
            "{state} deposited an instrument on {date} of a kind the treaty does not provide for; it has no legal effect",
            "Checks each instrument's kind against the treaty's consent clause.",
        ),
        Code(
            "duplicate_consent", "error",
            "A second instrument while one is already in effect",
            "{state} deposited an instrument on {date} while its earlier instrument ({records}) was in effect; it has no legal effect",
            "A state is bound once. A second instrument, before any withdrawal took effect, binds nothing new.",
            example="""\
events:
  - {id: fin-acc1, treaty: apmbc, state: FIN, action: accession, date: 2012-01-09}
  - {id: fin-acc2, treaty: apmbc, state: FIN, action: accession, date: 2013-01-09}
"""
        ),
        Code(
            "provisional_application_without_effect", "error",
            "A provisional-application declaration that has no effect",
            "{state}'s declaration of provisional application of {date} has no effect: it must be "
            "made with an instrument of consent deposited the same day, under a treaty that provides for it",
            "Provisional application binds a state to the general obligations before entry into "
            "force, but only if declared at the time of its instrument of consent.",
            example="""\
events:
  - {id: mhl-rat, treaty: apmbc, state: MHL, action: accession, date: 2025-03-12}
  - {id: mhl-pa, treaty: apmbc, state: MHL, action: provisional_application, date: 2025-04-01}
"""
        ),
        Code(
            "recorded_date_mismatch", "error",
            "A recorded date that differs from the one the treaty gives",
            "{state}'s record of {date} claims {claimed}, but the treaty gives {derived}",
            "The dataset's `entry_into_force` and `effective` dates are claims: the checker "
            "derives both from the deposit dates and the treaty's own clauses and reports every "
            "difference.",
            example="""\
events:
  - {id: fin-acc, treaty: apmbc, state: FIN, action: accession, date: 2012-01-09, entry_into_force: 2012-06-01}
"""
        ),
        Code(
            "prohibited_activity", "error",
            "Conduct the treaty prohibits, by a state bound by it",
            "{state}: {action} on {date} while {status} and bound by the general obligations",
            "Checks conduct records (use, development, production, acquisition, transfer, "
            "assistance) against the treaty's general obligations on the day, for a state that is "
            "bound: a party, a withdrawing party (its withdrawal has not taken effect), or a state "
            "applying the obligations provisionally. The treaty's exceptions (e.g. transfer for "
            "destruction) are honoured through the record's `purpose`.",
            example="""\
events:
  - {id: fin-acc, treaty: apmbc, state: FIN, action: accession, date: 2012-01-09}
  - {id: fin-prod, treaty: apmbc, state: FIN, action: production, date: 2026-01-05}
"""
        ),
        Code(
            "stockpile_destruction_overdue", "error",
            "Stockpile destruction after its deadline",
            "{state}: the stockpile-destruction deadline of {deadline} (from entry into force on {entry_into_force}) {outcome}",
            "Checks the deadline for destroying stockpiles (APMBC Art. 4: four years after the treaty's "
            "entry into force for the state; CCM Art. 3(2): eight years). A completion recorded after "
            "the deadline is reported once with the days late; a record of stockpiles still held after "
            "it (`stockpiling`) makes it overdue as of the audit day. With no record either way the "
            "deadline is `deadline_unknown`, never overdue. The deadline day itself is on time.",
            example="""\
events:
  - {id: blr-acc, treaty: apmbc, state: BLR, action: accession, date: 2003-09-03}
  - {id: blr-done, treaty: apmbc, state: BLR, action: stockpile_destruction_completed, date: 2017-04-05}
""",
        ),
        Code(
            "clearance_overdue", "error",
            "Clearance of mined areas after its deadline",
            "{state}: the mine-clearance deadline of {deadline} (from entry into force on {entry_into_force}) {outcome}",
            "Checks the deadline for destroying mines in mined areas (APMBC Art. 5(1): ten years after "
            "entry into force), moved by the latest `extension_granted` record (Art. 5(3)-(6)). An "
            "extension granted only after the deadline it extends had passed leaves that missed "
            "deadline reported. Completion after the deadline is late; a `mined_area_declared` record "
            "after it makes it overdue as of the audit day; no record either way is `deadline_unknown`.",
            example="""\
events:
  - {id: moz-rat, treaty: apmbc, state: MOZ, action: accession, date: 1998-08-25}
  - {id: moz-ext, treaty: apmbc, state: MOZ, action: extension_granted, date: 2008-11-28, obligation: mine_clearance, new_deadline: 2014-03-01}
  - {id: moz-done, treaty: apmbc, state: MOZ, action: clearance_completed, date: 2015-09-17}
""",
        ),
        Code(
            "transparency_report_overdue", "error",
            "A transparency report submitted after its deadline",
            "{state}: the report due on {deadline} {outcome}",
            "Checks the initial transparency report (APMBC Art. 7(1): 180 days after entry into force) "
            "and each annual update (Art. 7(2): by 30 April, covering the last calendar year) against "
            "the reports on record. Only recorded reports are judged for the annual updates: a year "
            "with none is neither met nor missed.",
            example="""\
events:
  - {id: fin-acc, treaty: apmbc, state: FIN, action: accession, date: 2012-01-09}
  - {id: fin-r1, treaty: apmbc, state: FIN, action: initial_report_submitted, date: 2013-02-01}
""",
        ),
        Code(
            "deadline_unknown", "info",
            "A deadline has passed and the data says nothing either way",
            "{state}: the {obligation_text} deadline of {deadline} has passed; the dataset records neither its completion nor that it was still open",
            "Absence of a record is not a breach. Where the dataset holds no completion, no "
            "declaration that there was nothing to do, and no record showing the obligation still open "
            "after its deadline, the deadline is reported as unknown. Most states in a real dataset "
            "are in that position.",
            example="""\
events:
  - {id: fin-acc, treaty: apmbc, state: FIN, action: accession, date: 2012-01-09}
  - {id: fin-r1, treaty: apmbc, state: FIN, action: initial_report_submitted, date: 2012-10-01}
  - {id: fin-nm, treaty: apmbc, state: FIN, action: no_mined_areas_declared, date: 2012-10-01}
""",
        ),
        Code(
            "extension_not_provided", "error",
            "An extension of a deadline the treaty does not allow to be extended",
            "{state}: an extension was recorded on {date} for a deadline the treaty does not allow to be extended; it has no effect",
            "Only deadlines the treaty definition marks `extendable` (APMBC Art. 5) can be moved by "
            "`extension_granted` records.",
            example="""\
events:
  - {id: grc-sig, treaty: apmbc, state: GRC, action: signature, date: 1997-12-03}
  - {id: grc-rat, treaty: apmbc, state: GRC, action: ratification, date: 2003-09-25}
  - {id: grc-ext, treaty: apmbc, state: GRC, action: extension_granted, date: 2007-11-20, obligation: stockpile_destruction, new_deadline: 2010-03-01}
""",
        ),
        Code(
            "extension_too_long", "error",
            "An extension longer than the treaty allows",
            "{state}: the extension granted on {date} moves the deadline of {deadline} to {new_deadline}, "
            "past {latest}, the latest the treaty allows an extension of it to reach",
            "An extendable deadline may be extended only by the period its clause gives (APMBC "
            "Art. 5(3): \"for a period of up to ten years\"; CCM Art. 3(3): up to four years; CCM "
            "Art. 4(5), (8): up to five years), counted from the deadline it extends: the base "
            "deadline or the previous extension's. The extension is still applied, since the record "
            "is what the Meeting decided; the finding says that it contradicts the treaty.",
            example="""\
events:
  - {id: moz-sig, treaty: apmbc, state: MOZ, action: signature, date: 1997-12-03}
  - {id: moz-rat, treaty: apmbc, state: MOZ, action: ratification, date: 1998-08-25}
  - {id: moz-ext, treaty: apmbc, state: MOZ, action: extension_granted, date: 2008-11-28, obligation: mine_clearance, new_deadline: 2019-03-02}
""",
        ),
        Code(
            "retention_above_reported", "warning",
            "A retention for an Art. 3 purpose above the number the state last reported",
            "{state} retained {quantity} for an excepted purpose on {date}, more than the {reported} its latest "
            "transparency report before then ({records}) gives as retained; only \"the minimum number "
            "absolutely necessary\" is permitted",
            "Retention for training (APMBC Art. 3(1), CCM Art. 3(6)) is limited to the minimum number "
            "absolutely necessary. The tool has no number of its own for that minimum: it compares a "
            "`retention` record's `quantity` with the `retained` number of the state's latest "
            "transparency report on or before that day (APMBC Art. 7(1)(d), CCM Art. 3(8)). Above it, "
            "a warning: the report may be out of date, but the excess needs a justification.",
            example="""\
events:
  - {id: fin-acc, treaty: apmbc, state: FIN, action: accession, date: 2012-01-09}
  - {id: fin-rep, treaty: apmbc, state: FIN, action: annual_report_submitted, year: 2019, date: 2020-04-30, retained: 16500}
  - {id: fin-ret, treaty: apmbc, state: FIN, action: retention, purpose: training, quantity: 20000, date: 2020-06-01}
""",
        ),
        Code(
            "prohibited_receipt", "error",
            "Receipt of a transfer by a state bound not to acquire",
            "{state}: receiving the transfer of {date} ({records}) while {status} and bound not to acquire",
            "A transfer is two acts: the sender transfers, the receiver 'otherwise acquires' (Art. "
            "1(1)(b)). This checks the receiving side. A transfer for a purpose the treaty permits "
            "(Art. 3: destruction, training) is permitted on both sides.",
            example="""\
events:
  - {id: ukr-acc, treaty: apmbc, state: UKR, action: accession, date: 2005-12-27}
  - {id: usa-tr, treaty: apmbc, state: USA, action: transfer, date: 2024-11-20, counterparty: UKR}
""",
        ),
        Code(
            "object_and_purpose_at_risk", "warning",
            "Prohibited conduct by a signatory or a state not yet bound",
            "{state}: {action} on {date} while {status}: not yet bound by the general obligations, but obliged not to defeat the treaty's object and purpose",
            "A signatory, or a state whose instrument has not yet entered into force, must refrain from "
            "acts that would defeat the treaty's object and purpose (VCLT Art. 18). Conduct the "
            "treaty prohibits is a warning for it, not a breach, unless it declared provisional "
            "application, in which case `prohibited_activity` applies.",
            "VCLT Art. 18",
            example="""\
events:
  - {id: mhl-sig, treaty: apmbc, state: MHL, action: signature, date: 1997-12-04}
  - {id: mhl-use, treaty: apmbc, state: MHL, action: use, date: 2010-01-01}
""",
        ),
        Code(
            "inferred_date", "info",
            "A date no source states; the treaty implies it",
            "{record}: the date {date} is inferred, not sourced: {note}",
            "Lists every record marked `inferred: true`, so that a reader knows which dates rest on "
            "the treaty's arithmetic rather than on a source.",
            example="""\
events:
  - {id: pol-sig, treaty: apmbc, state: POL, action: signature, date: 1997-12-04}
  - id: pol-rat
    treaty: apmbc
    state: POL
    action: ratification
    date: 2012-12-27
    inferred: true
    note: from its entry into force on 2013-06-01 (Art. 17(2))
"""
        ),
        Code(
            "disputed_date", "info",
            "Public sources disagree on a date",
            "{record}: sources disagree on the date: {date} (used) or {other}",
            "Lists every record with `alternative_dates`: the checker uses `date` and shows the others.",
            example="""\
events:
  - id: ton-acc
    treaty: apmbc
    state: TON
    action: accession
    date: 2025-06-25
    alternative_dates: [{date: 2025-06-26, source: "Matangi Tonga, 9 Dec 2025"}]
"""
        ),
    ]
}


# General international law the rules rely on, beside each treaty's own clauses. Summaries, not
# verbatim text: the project holds no verified copy of these conventions yet.
GENERAL_LAW: dict[str, tuple[str, str]] = {
    "vclt_18": ("VCLT Art. 18", "A State that has signed a treaty, or consented to be bound pending its entry into force, is obliged to refrain from acts which would defeat its object and purpose (summary)."),
    "vclt_18a": ("VCLT Art. 18(a)", "A signatory is obliged to refrain from acts which would defeat the object and purpose of a treaty until it shall have made its intention clear not to become a party to the treaty (summary)."),
    "vclt_24": ("VCLT Art. 24(1), (3)", "A treaty enters into force as it provides; consent to be bound given after that takes effect on the date the treaty provides. Until then the State is not bound, and State practice treats its instrument as withdrawable (summary)."),
    "vclt_19": ("VCLT Art. 19", "A State may formulate a reservation unless (a) the treaty prohibits it, (b) the treaty allows only specified reservations which do not include it, or (c) it is incompatible with the object and purpose of the treaty (summary)."),
    "vclt_57": ("VCLT Art. 57", "A treaty's operation may be suspended only in conformity with its provisions or by consent of all the parties (summary)."),
    "vclt_70": ("VCLT Art. 70(1)(b), (2); ARSIWA Art. 14(2)", "A withdrawal does not affect any obligation or legal situation created through the execution of the treaty before it took effect; a continuing breach extends only over the period during which the obligation binds (summary)."),
    "vclt_70_1a": ("VCLT Art. 70(1)(a)", "Unless the treaty otherwise provides or the parties otherwise agree, the termination of a treaty under its provisions or in accordance with the present Convention: (a) releases the parties from any obligation further to perform the treaty (verbatim, ../shared/context/treaty_library.md)."),
    "vclt_58_65": ("VCLT Arts. 58, 60, 62, 65", "Suspension by some parties needs an agreement among them that the treaty does not prohibit (Art. 58); a material breach gives a ground only against the party in breach (Art. 60); a fundamental change of circumstances is no ground where the parties foresaw it (Art. 62(1)); a party invoking a ground must notify the others with its reasons and wait three months (Art. 65) (summary)."),
    "ilc_armed_conflict": ("ILC Draft Articles on the effects of armed conflicts on treaties (2011), Arts. 3, 4, 7", "The existence of an armed conflict does not ipso facto terminate or suspend the operation of treaties (Art. 3); where a treaty itself contains provisions on its operation in situations of armed conflict, those provisions apply (Art. 4); treaties whose subject matter implies that they continue in operation during armed conflict include those relating to the law of armed conflict and international humanitarian law (Art. 7 and annex) (summary)."),
    "vclt_59": ("VCLT Art. 59(1)", "A treaty is considered as terminated if all the parties to it conclude a later treaty relating to the same subject-matter and it appears that the matter should be governed by that treaty (summary)."),
    "vclt_25": ("VCLT Art. 25(1)", "A treaty or a part of it is applied provisionally pending its entry into force only if the treaty so provides or the negotiating States have in some other manner so agreed (summary)."),
    "vclt_60_1": ("VCLT Art. 60(1)", "A material breach of a bilateral treaty by one of the parties entitles the other to invoke the breach as a ground for terminating the treaty or suspending its operation in whole or in part (summary)."),
    "vclt_60_2": ("VCLT Art. 60(2)(b)-(c)", "A material breach of a multilateral treaty entitles a party specially affected by it to suspend the treaty in the relations between itself and the defaulting State, and any party to suspend it with respect to itself where the breach radically changes the position of every party (summary)."),
    "vclt_62": ("VCLT Art. 62(1)-(3)", "A fundamental change of circumstances which was not foreseen by the parties may be invoked as a ground for suspending a treaty only if those circumstances were an essential basis of consent and the change radically transforms the obligations still to be performed; it may not be invoked if it results from a breach by the party invoking it (summary)."),
    "vclt_68": ("VCLT Art. 68", "A notification of withdrawal may be revoked at any time before it takes effect (summary)."),
    "vcsst_23": ("VCSST Art. 23(1)", "A newly independent State notifying its succession is a party from the date of the succession of States or the treaty's entry into force, whichever is later (summary)."),
}


# The general law that applies where a treaty lacks a clause a finding would cite.
ABSENT_CLAUSE_LAW: dict[str, str] = {
    "suspension": "vclt_57",
    "reservations": "vclt_19",
    "provisional_application": "vclt_25",
}
