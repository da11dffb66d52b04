-- Where a dealership wants new leads POSTed (PUT /v1/webhooks), and the secret their signatures
-- are made with. The secret is shown once, when set; the server needs it in clear to sign.
alter table tenants add column lead_webhook_url text check (length(lead_webhook_url) <= 2048);
alter table tenants add column lead_webhook_secret text;

-- Queued mail (BullMQ) is sent from its outbox row, which must hold all of the message.
alter table mail_outbox add column reply_to text;
