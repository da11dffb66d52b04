-- Which answers the answer cache gave: the dealership's analytics report its hit rate.
alter table messages add column from_cache boolean not null default false;
