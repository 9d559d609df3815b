-- MySQL dump 10.13  Distrib 8.0.31, for Linux (x86_64)
--
-- Host: localhost    Database: ecoclic
-- ------------------------------------------------------
-- A small database in the shape of Éco-clic's tables, written for the tests of the library (every text is ours).

/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;
/*!50503 SET NAMES utf8mb4 */;
/*!40014 SET @OLD_UNIQUE_CHECKS=@@UNIQUE_CHECKS, UNIQUE_CHECKS=0 */;

--
-- Table structure for table `answer`
--

DROP TABLE IF EXISTS `answer`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
CREATE TABLE `answer` (
  `id` char(36) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci NOT NULL COMMENT '(DC2Type:guid)',
  `type` varchar(50) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci DEFAULT NULL,
  `body` longtext CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci,
  `question_id` char(36) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci NOT NULL COMMENT '(DC2Type:guid)',
  `ponderation` int DEFAULT NULL,
  PRIMARY KEY (`id`),
  KEY `IDX_ANSWER_QUESTION` (`question_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `answer`
--

LOCK TABLES `answer` WRITE;
/*!40000 ALTER TABLE `answer` DISABLE KEYS */;
INSERT INTO `answer` VALUES ('a-ref-oui','button','Oui','q-ref',3),('a-ref-non','button','Non','q-ref',0),('a-plan-oui','button','Oui','q-plan',2),('a-plan-non','button','Non','q-plan',0),('a-plan-nsp','button','Je ne sais pas','q-plan',0),('a-suivi-oui','button','Oui','q-suivi',1),('a-suivi-non','button','Non','q-suivi',0),('a-inv-complet','button','Oui, complet et tenu à jour','q-inventaire',3),('a-inv-partiel','button','Oui, en partie','q-inventaire',1),('a-inv-non','button','Non','q-inventaire',0),('a-inv-pc','button','La structure n\'est pas concernée','q-inventaire',2),('a-inv-nsp','button','Je ne sais pas','q-inventaire',0),('a-reemploi-interne','button','Réemployé dans nos services','q-reemploi',3),('a-reemploi-don','button','Donné à une association','q-reemploi',3),('a-reemploi-rebut','button','Mis au rebut','q-reemploi',0),('a-reemploi-nsp','button','Je ne sais pas','q-reemploi',0),('a-collecte-eco','button','Un éco-organisme','q-collecte',2),('a-collecte-presta','button','Un prestataire agréé','q-collecte',1),('a-collecte-dechet','button','La déchetterie','q-collecte',0),('a-collecte-autre','input','Autre filière, laquelle ?','q-collecte',0),('a-postes-agent','button','Un poste par agent','q-postes',0),('a-postes-partage','button','Des postes partagés','q-postes',0),('a-postes-precisez','input','Précisez','q-postes',0),('a-mesure-oui','button','Oui','q-mesure',2),('a-mesure-non','button','Non','q-mesure',0),('a-mesure-nsp','button','Je ne sais pas','q-mesure',1),('a-achats-oui','button','Oui','q-achats',3),('a-achats-non','button','Non','q-achats',0),('a-achats-pc','button','La structure n\'est pas concernée','q-achats',3),('a-gone-oui','button','Oui','q-gone',2),('a-gone-non','button','Non','q-gone',0);
/*!40000 ALTER TABLE `answer` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `category`
--

DROP TABLE IF EXISTS `category`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
CREATE TABLE `category` (
  `id` char(36) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci NOT NULL COMMENT '(DC2Type:guid)',
  `name` varchar(200) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci DEFAULT NULL,
  `image` varchar(500) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci DEFAULT NULL,
  `description` longtext CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci,
  `description_level2` longtext CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci,
  `sort_order` int DEFAULT NULL,
  `level_two` tinyint(1) NOT NULL DEFAULT '0',
  PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `category`
--

LOCK TABLES `category` WRITE;
/*!40000 ALTER TABLE `category` DISABLE KEYS */;
INSERT INTO `category` VALUES ('cat-parc','Équipements','Parc.svg','Ce que deviennent les équipements, de l\'achat au recyclage.\r\nDeux sous-thèmes : durée de vie et fin de vie.',NULL,2,0),('cat-plus','Pour aller plus loin','Plus.svg','Des pratiques plus avancées.','Des pratiques plus avancées, pour le niveau 2.',3,1),('cat-pilotage','Pilotage','Pilotage.svg','Qui porte la démarche &amp; comment.',NULL,1,0);
/*!40000 ALTER TABLE `category` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `collectivite`
--

DROP TABLE IF EXISTS `collectivite`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
CREATE TABLE `collectivite` (
  `id` char(36) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci NOT NULL COMMENT '(DC2Type:guid)',
  `name` varchar(500) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci NOT NULL,
  `population` int NOT NULL,
  `departement_id` char(3) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci DEFAULT NULL,
  `siret` char(14) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci DEFAULT NULL,
  `type_id` char(36) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci DEFAULT NULL COMMENT '(DC2Type:guid)',
  `opsn_id` char(36) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci DEFAULT NULL COMMENT '(DC2Type:guid)',
  `level_two` tinyint(1) NOT NULL DEFAULT '0',
  `postal_code` varchar(5) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci DEFAULT NULL,
  `first_answered_at` datetime DEFAULT NULL COMMENT '(DC2Type:datetime_immutable)',
  `last_answered_at` datetime DEFAULT NULL COMMENT '(DC2Type:datetime_immutable)',
  PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `collectivite`
--

LOCK TABLES `collectivite` WRITE;
/*!40000 ALTER TABLE `collectivite` DISABLE KEYS */;
INSERT INTO `collectivite` VALUES ('col-a','Commune d\'Essai-sur-Creuse',812,23,21230001200017,'type-mairie',NULL,0,23000,'2025-03-10 09:00:00','2025-03-14 10:00:00'),('col-b','Communauté de communes du Val',15400,'2A','200 012 345 00019','type-comcom',NULL,1,20000,'2025-04-01 09:00:00','2025-04-02 17:30:00'),('col-c','Syndicat intercommunal du numérique',42000,971,NULL,'type-epci',NULL,0,NULL,NULL,NULL),('col-d','Commune de Ruisseau',1250,32,2132,'type-mairie',NULL,0,32000,'2024-01-01 08:00:00','2024-06-01 12:00:00'),('col-admin','opsnAdmin',0,NULL,NULL,'type-autre',NULL,0,NULL,NULL,NULL);
/*!40000 ALTER TABLE `collectivite` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `collectivite_answer`
--

DROP TABLE IF EXISTS `collectivite_answer`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
CREATE TABLE `collectivite_answer` (
  `id` char(36) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci NOT NULL COMMENT '(DC2Type:guid)',
  `answer_id` char(36) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci NOT NULL COMMENT '(DC2Type:guid)',
  `collectivite_id` char(36) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci NOT NULL COMMENT '(DC2Type:guid)',
  `body` longtext CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci,
  `answered_at` datetime NOT NULL COMMENT '(DC2Type:datetime_immutable)',
  `user_id` char(36) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci DEFAULT NULL COMMENT '(DC2Type:guid)',
  PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `collectivite_answer`
--

LOCK TABLES `collectivite_answer` WRITE;
/*!40000 ALTER TABLE `collectivite_answer` DISABLE KEYS */;
INSERT INTO `collectivite_answer` VALUES ('ca-a1','a-ref-non','col-a',NULL,'2025-03-10 09:05:00',NULL),('ca-a2','a-inv-complet','col-a',NULL,'2025-03-10 09:06:00',NULL),('ca-a3','a-reemploi-interne','col-a',NULL,'2025-03-10 09:07:00',NULL),('ca-a4','a-collecte-eco','col-a',NULL,'2025-03-10 09:08:00',NULL),('ca-a5','a-collecte-presta','col-a',NULL,'2025-03-10 09:08:10',NULL),('ca-a6','a-collecte-autre','col-a','Une ressourcerie du canton,\nune fois par an','2025-03-10 09:08:30',NULL),('ca-a7','a-postes-partage','col-a','','2025-03-14 10:00:00',NULL),('ca-b1','a-ref-oui','col-b',NULL,'2025-04-01 09:01:00',NULL),('ca-b2','a-plan-oui','col-b',NULL,'2025-04-01 09:02:00',NULL),('ca-b3','a-suivi-oui','col-b',NULL,'2025-04-01 09:03:00',NULL),('ca-b4','a-inv-pc','col-b',NULL,'2025-04-01 09:04:00',NULL),('ca-b5','a-reemploi-don','col-b',NULL,'2025-04-01 09:05:00',NULL),('ca-b6','a-collecte-eco','col-b',NULL,'2025-04-01 09:06:00',NULL),('ca-b7','a-postes-agent','col-b',NULL,'2025-04-01 09:07:00',NULL),('ca-b8','a-postes-precisez','col-b','Postes fixes au siège, « portables » pour les élus','2025-04-01 09:07:30',NULL),('ca-b9','a-mesure-nsp','col-b',NULL,'2025-04-02 17:00:00',NULL),('ca-b10','a-achats-pc','col-b',NULL,'2025-04-02 17:30:00',NULL),('ca-c1','a-ref-oui','col-c',NULL,'2025-05-20 14:00:00',NULL),('ca-c2','a-inv-nsp','col-c',NULL,'2025-05-21 15:30:00',NULL),('ca-d1','a-ref-oui','col-d',NULL,'2024-01-01 08:01:00',NULL),('ca-d2','a-plan-non','col-d',NULL,'2024-01-01 08:02:00',NULL),('ca-d3','a-inv-partiel','col-d',NULL,'2024-01-01 08:03:00',NULL),('ca-d4','a-inv-complet','col-d',NULL,'2024-06-01 12:00:00',NULL),('ca-d5','a-reemploi-rebut','col-d',NULL,'2024-01-01 08:05:00',NULL),('ca-d6','a-collecte-dechet','col-d',NULL,'2024-01-01 08:06:00',NULL),('ca-d7','a-postes-agent','col-d',NULL,'2024-01-01 08:07:00',NULL),('ca-d8','a-mesure-oui','col-d',NULL,'2024-01-01 08:08:00',NULL),('ca-d9','a-gone-oui','col-d','Une réponse à une question retirée','2024-01-01 08:09:00',NULL),('ca-d10','a-zzz','col-d',NULL,'2024-01-01 08:10:00',NULL),('ca-z1','a-ref-oui','col-zz',NULL,'2024-01-01 08:10:00',NULL);
/*!40000 ALTER TABLE `collectivite_answer` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `collectivite_type`
--

DROP TABLE IF EXISTS `collectivite_type`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
CREATE TABLE `collectivite_type` (
  `id` char(36) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci NOT NULL COMMENT '(DC2Type:guid)',
  `label` varchar(250) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci NOT NULL,
  PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `collectivite_type`
--

LOCK TABLES `collectivite_type` WRITE;
/*!40000 ALTER TABLE `collectivite_type` DISABLE KEYS */;
INSERT INTO `collectivite_type` VALUES ('type-ca','CA'),('type-mairie','MAIRIE'),('type-comcom','COMCOM'),('type-autre','AUTRE'),('type-epci','EPCI');
/*!40000 ALTER TABLE `collectivite_type` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `departement`
--

DROP TABLE IF EXISTS `departement`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
CREATE TABLE `departement` (
  `code` char(3) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci NOT NULL,
  `name` varchar(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci NOT NULL,
  `region_code` char(3) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci DEFAULT NULL,
  PRIMARY KEY (`code`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `departement`
--

LOCK TABLES `departement` WRITE;
/*!40000 ALTER TABLE `departement` DISABLE KEYS */;
INSERT INTO `departement` VALUES (23,'Creuse',75),('2A','Corse-du-Sud',94),(32,'Gers',76),(971,'Guadeloupe',1);
/*!40000 ALTER TABLE `departement` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `question`
--

DROP TABLE IF EXISTS `question`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
CREATE TABLE `question` (
  `id` char(36) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci NOT NULL COMMENT '(DC2Type:guid)',
  `question` varchar(500) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci DEFAULT NULL,
  `theme_id` char(36) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci DEFAULT NULL COMMENT '(DC2Type:guid)',
  `category_id` char(36) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci DEFAULT NULL COMMENT '(DC2Type:guid)',
  `multiple` tinyint(1) NOT NULL DEFAULT '0',
  `definition` longtext CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci,
  `additional_information` longtext CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci,
  `definition_title` longtext CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci,
  `sort_order` int NOT NULL,
  `parent_id` char(36) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci DEFAULT NULL COMMENT '(DC2Type:guid)',
  `parent_answer_id` char(36) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci DEFAULT NULL COMMENT '(DC2Type:guid)',
  `level_two` tinyint(1) NOT NULL,
  PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `question`
--

LOCK TABLES `question` WRITE;
/*!40000 ALTER TABLE `question` DISABLE KEYS */;
INSERT INTO `question` VALUES ('q-ref','Une personne (élu ou agent) est-elle chargée de la sobriété numérique ?',0,'cat-pilotage',0,'Référent : la personne qui coordonne la démarche.\nElle n\'a pas besoin d\'y consacrer un temps plein.','Sans personne pour la porter, une démarche s\'essouffle vite.','Référent',1,NULL,NULL,0),('q-plan','Cette personne dispose-t-elle d\'une feuille de route écrite ?',0,'cat-pilotage',0,'','Une feuille de route écrite rend les engagements \"visibles\" et vérifiables.',NULL,2,'q-ref','a-ref-oui',0),('q-suivi','La feuille de route est-elle revue chaque année ?',0,'cat-pilotage',0,'','',NULL,3,'q-plan','a-plan-oui',0),('q-achats','Vos marchés de matériel numérique comportent-ils des critères environnementaux ?',0,'cat-pilotage',0,'','Les critères d\'achat orientent ce que les fournisseurs proposent.',NULL,4,NULL,NULL,1),('q-inventaire','Tenez-vous un inventaire de vos équipements numériques ?','th-vie','cat-parc',0,'','On ne gère bien que ce que l\'on connaît : l&rsquo;inventaire dit ce qui existe,\r\noù et depuis quand.',NULL,1,NULL,NULL,0),('q-postes','Comment les postes de travail sont-ils attribués ?','th-vie','cat-parc',0,'','<p>Question posée pour <b>information</b>.</p>',NULL,2,NULL,NULL,0),('q-reemploi','Que deviennent vos équipements encore utilisables quand vous les remplacez ?','th-fin','cat-parc',0,'','Un équipement réemployé évite la fabrication d\'un neuf.',NULL,1,NULL,NULL,0),('q-collecte','Par quelles filières vos équipements hors d\'usage sont-ils collectés ?','th-fin','cat-parc',1,'','Les filières agréées traitent les substances dangereuses et récupèrent les matières.',NULL,2,NULL,NULL,0),('q-mesure','Mesurez-vous l\'empreinte environnementale de votre parc ?',0,'cat-plus',0,'','Mesurer permet de fixer des objectifs et de suivre leur atteinte.',NULL,1,NULL,NULL,1);
/*!40000 ALTER TABLE `question` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `recommandation`
--

DROP TABLE IF EXISTS `recommandation`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
CREATE TABLE `recommandation` (
  `id` char(36) NOT NULL,
  `title` varchar(5000) DEFAULT NULL,
  `body` longtext,
  `question_id` char(36) NOT NULL,
  `level_id` smallint UNSIGNED NOT NULL,
  PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `recommandation`
--

LOCK TABLES `recommandation` WRITE;
/*!40000 ALTER TABLE `recommandation` DISABLE KEYS */;
INSERT INTO `recommandation` VALUES ('rec-1','Désigner un référent','Nommer une personne chargée de la démarche.','q-ref',2);
/*!40000 ALTER TABLE `recommandation` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `theme`
--

DROP TABLE IF EXISTS `theme`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
CREATE TABLE `theme` (
  `id` char(36) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci NOT NULL COMMENT '(DC2Type:guid)',
  `label` varchar(500) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci DEFAULT NULL,
  `category_id` char(36) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci DEFAULT NULL COMMENT '(DC2Type:guid)',
  `sort_order` int NOT NULL,
  PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `theme`
--

LOCK TABLES `theme` WRITE;
/*!40000 ALTER TABLE `theme` DISABLE KEYS */;
INSERT INTO `theme` VALUES (0,NULL,NULL,0),('th-fin','Fin de vie','cat-parc',2),('th-vie','Durée de vie ','cat-parc',1);
/*!40000 ALTER TABLE `theme` ENABLE KEYS */;
UNLOCK TABLES;

/*!40014 SET UNIQUE_CHECKS=@OLD_UNIQUE_CHECKS */;

-- Dump completed on 2025-07-07  8:32:00
