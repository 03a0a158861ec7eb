-- History lines and notices are a message key and its arguments, shown in each viewer's language
-- (org.warmline.cases.KeyedText). The rows written before that, as text in one language or two joined, become keys too;
-- texts people wrote (a reason, a remark, an explanation) stay in note as written.

-- A registration named its channel by its code in note (HOTLINE): now the line says the channel in the viewer's words.
update case_history set note_key = 'history.channel', note_args = '#channel.' || note, note = null
 where action = 'REGISTER' and note_key is null
   and note in ('HOTLINE', 'WECHAT', 'APP', 'WALK_IN', 'GOV_HOTLINE');

-- An escalation line got its key by V10_1 but kept its old text, "CONTACT 超时/late, 第1次升级/step 1 → B1 城东分公司",
-- in note, which the API still showed: the key says it all.
update case_history set note = null where action = 'ESCALATED' and note_key = 'history.escalated';

-- An escalation notice written as "Chinese / English" became notification.text with both texts as arguments (V10_2),
-- e.g. "工单 C1 联系超时,第1次升级至城东分公司" and "Case C1: contact late, escalation step 1 to B1": now it is the notice
-- the escalation writes, notification.escalated with the case's number, the clock and the name of the level reached
-- (the Chinese text after 升级至). A notice of another form, if any, stays as it was.
update notification set message_key = 'notification.escalated',
       message_args = coalesce((select c.case_no from petition_case c where c.id = notification.case_id), '')
                      || chr(31) || '#case.clock.ACCEPTANCE' || chr(31)
                      || substring(message_args from position('升级至' in message_args) + 3
                                   for position(chr(31) in message_args) - position('升级至' in message_args) - 3)
 where message_key = 'notification.text' and message_args like '%: acceptance late, escalation step %'
   and position('升级至' in message_args) > 0
   and position('升级至' in message_args) < position(chr(31) in message_args);
update notification set message_key = 'notification.escalated',
       message_args = coalesce((select c.case_no from petition_case c where c.id = notification.case_id), '')
                      || chr(31) || '#case.clock.CONTACT' || chr(31)
                      || substring(message_args from position('升级至' in message_args) + 3
                                   for position(chr(31) in message_args) - position('升级至' in message_args) - 3)
 where message_key = 'notification.text' and message_args like '%: contact late, escalation step %'
   and position('升级至' in message_args) > 0
   and position('升级至' in message_args) < position(chr(31) in message_args);
update notification set message_key = 'notification.escalated',
       message_args = coalesce((select c.case_no from petition_case c where c.id = notification.case_id), '')
                      || chr(31) || '#case.clock.HANDLING' || chr(31)
                      || substring(message_args from position('升级至' in message_args) + 3
                                   for position(chr(31) in message_args) - position('升级至' in message_args) - 3)
 where message_key = 'notification.text' and message_args like '%: handling late, escalation step %'
   and position('升级至' in message_args) > 0
   and position('升级至' in message_args) < position(chr(31) in message_args);
update notification set message_key = 'notification.escalated',
       message_args = coalesce((select c.case_no from petition_case c where c.id = notification.case_id), '')
                      || chr(31) || '#case.clock.REVIEW' || chr(31)
                      || substring(message_args from position('升级至' in message_args) + 3
                                   for position(chr(31) in message_args) - position('升级至' in message_args) - 3)
 where message_key = 'notification.text' and message_args like '%: review late, escalation step %'
   and position('升级至' in message_args) > 0
   and position('升级至' in message_args) < position(chr(31) in message_args);
