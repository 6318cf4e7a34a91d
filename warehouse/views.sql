-- Attacks over time: distinct real-world events, not stories or mentions.
CREATE OR REPLACE VIEW attacks_daily AS
SELECT date AS day, country, event_type,
       count(DISTINCT event_id) AS attacks,
       sum(coalesce(killed_min, 0)) AS killed_min,
       sum(coalesce(injured_min, 0)) AS injured_min
FROM events WHERE date IS NOT NULL
GROUP BY ALL ORDER BY day, country, event_type;

-- Weeks and months add up days: an event has one date, so it is counted in one day only.
CREATE OR REPLACE VIEW attacks_weekly AS
SELECT CAST(date_trunc('week', day) AS DATE) AS week, country, event_type,
       CAST(sum(attacks) AS BIGINT) AS attacks, sum(killed_min) AS killed_min, sum(injured_min) AS injured_min
FROM attacks_daily
GROUP BY ALL ORDER BY week, country, event_type;

CREATE OR REPLACE VIEW attacks_monthly AS
SELECT CAST(date_trunc('month', day) AS DATE) AS month, country, event_type,
       CAST(sum(attacks) AS BIGINT) AS attacks, sum(killed_min) AS killed_min, sum(injured_min) AS injured_min
FROM attacks_daily
GROUP BY ALL ORDER BY month, country, event_type;
