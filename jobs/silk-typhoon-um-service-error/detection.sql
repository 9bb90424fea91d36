-- Silk Typhoon Suspicious UM Service Error
-- Rule 0625fcce-6d52-491e-8c68-1d9b801d25b9, version 1.0.4
-- Generated from rule.yaml by `kql-hunt explain --write`; edit the rule, not this file.
-- The query reads a table named Event with the columns of Log Analytics' Event table.
-- Its last column, __event_time, is not part of the KQL result: it carries each
-- source row's TimeGenerated to the rule's schedule windows.
-- In Flink's SQL client: ADD JAR 'target/kql-hunt-job.jar'; declare or
-- view an Event table; then run this script.

CREATE TEMPORARY SYSTEM FUNCTION IF NOT EXISTS KQL_EQUALS_IGNORE_CASE AS 'dev.kqlhunt.kql.functions.KqlEqualsIgnoreCase' LANGUAGE JAVA;
CREATE TEMPORARY SYSTEM FUNCTION IF NOT EXISTS KQL_CONTAINS AS 'dev.kqlhunt.kql.functions.KqlContains' LANGUAGE JAVA;
CREATE TEMPORARY SYSTEM FUNCTION IF NOT EXISTS KQL_STARTSWITH AS 'dev.kqlhunt.kql.functions.KqlStartsWith' LANGUAGE JAVA;
CREATE TEMPORARY SYSTEM FUNCTION IF NOT EXISTS KQL_INDEXOF AS 'dev.kqlhunt.kql.functions.KqlIndexOf' LANGUAGE JAVA;
CREATE TEMPORARY SYSTEM FUNCTION IF NOT EXISTS KQL_SUBSTRING AS 'dev.kqlhunt.kql.functions.KqlSubstring' LANGUAGE JAVA;
CREATE TEMPORARY SYSTEM FUNCTION IF NOT EXISTS KQL_SPLIT_PART AS 'dev.kqlhunt.kql.functions.KqlSplitPart' LANGUAGE JAVA;

-- KQL_* functions implement KQL's string semantics: case folding that ignores
-- the JVM locale, matching literal text (LIKE would treat % and _ as
-- wildcards), and "" in place of a missing string.
SELECT
    `TenantId`,
    `SourceSystem`,
    `TimeGenerated`,
    `Source`,
    `EventLog`,
    `Computer`,
    `EventLevel`,
    `EventLevelName`,
    `ParameterXml`,
    `EventData`,
    `EventID`,
    `RenderedDescription`,
    `AzureDeploymentID`,
    `Role`,
    `EventCategory`,
    `UserName`,
    `Message`,
    `MG`,
    `ManagementGroupName`,
    `Type`,
    `_ResourceId`,
    `_SubscriptionId`,
    `_BilledSize`,
    `_IsBillable`,
    -- HostName = tostring(split(Computer, ".")[0])
    KQL_SPLIT_PART(`Computer`, '.', 0) AS `HostName`,
    -- HostNameDomain = iff(DomainIndex != -1, substring(Computer, DomainIndex + 1), Computer)
    CASE
        WHEN COALESCE(CAST(KQL_INDEXOF(`Computer`, '.', 0) AS INT) <> -1, TRUE)
        THEN KQL_SUBSTRING(`Computer`, (CAST(CAST(KQL_INDEXOF(`Computer`, '.', 0) AS INT) AS BIGINT) + 1))
        ELSE `Computer`
    END AS `HostNameDomain`,
    -- TimeGenerated of the source row, kept for time windows
    `TimeGenerated` AS `__event_time`
FROM `Event`
WHERE
    -- where EventLog =~ "Application"
    KQL_EQUALS_IGNORE_CASE(`EventLog`, 'Application')
    -- where Source startswith "MSExchange"
    AND KQL_STARTSWITH(`Source`, 'MSExchange')
    -- where EventLevelName =~ "error"
    AND KQL_EQUALS_IGNORE_CASE(`EventLevelName`, 'error')
    -- where (RenderedDescription startswith "Watson report" and RenderedDescription contains "umworkerprocess" and RenderedDescription contains "TextFormattingRunProperties") or RenderedDescription startswith "An unhandled exception occurred in a UM worker process" or RenderedDescription startswith "The Microsoft Exchange Unified Messaging service" or RenderedDescription contains "MSExchange Unified Messaging"
    AND (
        (
            KQL_STARTSWITH(`RenderedDescription`, 'Watson report')
            AND KQL_CONTAINS(`RenderedDescription`, 'umworkerprocess')
            AND KQL_CONTAINS(`RenderedDescription`, 'TextFormattingRunProperties')
        )
        OR KQL_STARTSWITH(`RenderedDescription`, 'An unhandled exception occurred in a UM worker process')
        OR KQL_STARTSWITH(`RenderedDescription`, 'The Microsoft Exchange Unified Messaging service')
        OR KQL_CONTAINS(`RenderedDescription`, 'MSExchange Unified Messaging')
    )
    -- where RenderedDescription !contains "System.OutOfMemoryException"
    AND NOT KQL_CONTAINS(`RenderedDescription`, 'System.OutOfMemoryException');
