package im.satellite.muc.feature;

import im.satellite.muc.event.HookResult;
import im.satellite.muc.event.RoomHooks;
import im.satellite.muc.room.OccupantIds;
import im.satellite.muc.room.Role;
import im.satellite.muc.room.Room;
import im.satellite.muc.room.RoomKey;
import org.xmpp.packet.Message;
import org.xmpp.packet.PacketError;

/**
 * XEP-0045 §8.1 room subject: moderators (and participants when {@code muc#roomconfig_changesubject} allows) change
 * it with a groupchat message carrying only {@code <subject/>}; others are refused with forbidden. The subject is sent
 * to every entering session after the history (§7.2.15), an empty one when none was set.
 */
public final class SubjectFeature implements RoomFeature {
    public static final RoomKey<String> SUBJECT = RoomKey.string("subject", "");
    public static final RoomKey<String> SUBJECT_NICK = RoomKey.string("subject_nick", "");
    /** The XEP-0421 occupant id of who set the subject, for the subject message sent on entering. */
    public static final RoomKey<String> SUBJECT_OCCUPANT_ID = RoomKey.string("subject_occupant_id", "");
    public static final RoomKey<Boolean> CHANGE_SUBJECT = RoomKey.bool("change_subject", false);

    @Override
    public String name() {
        return "subject";
    }

    @Override
    public void register(RoomHooks on) {
        on.configForm(e -> e.form().bool(ConfigOrder.CHANGE_SUBJECT, "muc#roomconfig_changesubject",
                "Allow Occupants to Change Subject?", e.room().get(CHANGE_SUBJECT)));
        Features.boolField(on, "muc#roomconfig_changesubject", CHANGE_SUBJECT);
        on.groupchat(100, e -> {
            Message m = e.message();
            if (m.getElement().element("subject") == null || m.getBody() != null) {
                return HookResult.CONTINUE;
            }
            Role role = e.from().role();
            boolean allowed = role == Role.MODERATOR
                    || role == Role.PARTICIPANT && e.room().get(CHANGE_SUBJECT);
            if (!allowed) {
                return HookResult.reject(PacketError.Condition.forbidden, "you may not change the subject");
            }
            e.room().state().set(SUBJECT, m.getSubject() == null ? "" : m.getSubject());
            e.room().state().set(SUBJECT_NICK, e.from().nick());
            e.room().state().set(SUBJECT_OCCUPANT_ID, e.from().occupantId());
            e.room().saveOptions();
            return HookResult.CONTINUE;
        });
        on.sessionNew(-10, e -> {
            Message m = subjectMessage(e.room());
            m.setTo(e.session());
            e.room().send(m);
        });
        on.discoInfo(e -> {
            e.form().text(40, "muc#roominfo_subject", "Current Discussion Topic", e.room().get(SUBJECT));
            e.form().bool(50, "muc#roominfo_changesubject", "Occupants May Change the Subject",
                    e.room().get(CHANGE_SUBJECT));
        });
    }

    /** The subject message as sent on entering (§7.2.15). */
    static Message subjectMessage(Room room) {
        Message m = new Message();
        m.setType(Message.Type.groupchat);
        String nick = room.get(SUBJECT_NICK);
        m.setFrom(nick.isEmpty() ? room.jid() : room.occupantJid(nick));
        m.getElement().addElement("subject").setText(room.get(SUBJECT));
        String id = room.get(SUBJECT_OCCUPANT_ID);
        if (!nick.isEmpty() && !id.isEmpty()) {
            // XEP-0421 §5: a message from an occupant JID carries that occupant's id, even when it has left since.
            m.getElement().addElement("occupant-id", OccupantIds.NS).addAttribute("id", id);
        }
        return m;
    }
}
