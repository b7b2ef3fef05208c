DROP INDEX "livret_api_clients_client_id";--> statement-breakpoint
CREATE UNIQUE INDEX "livret_api_clients_client_id_key" ON "livret_api_clients" USING btree ("client_id");