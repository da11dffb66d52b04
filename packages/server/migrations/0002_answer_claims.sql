-- Which instance is answering a visitor message: the id its answer will have, and until when the
-- claim holds (renewed while the answer streams). Any instance can tell a visitor who reconnects
-- that an answer is on its way, and a crashed instance's claim runs out so another can answer.
alter table messages add column answer_id uuid;
alter table messages add column answering_until timestamptz;
create index messages_answering on messages (conversation_id) where answering_until is not null;
