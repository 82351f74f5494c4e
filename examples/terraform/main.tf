# Deploys the example flows and the data actions they call with CX as Code.

terraform {
  required_providers {
    genesyscloud = {
      source = "mypurecloud/genesyscloud"
      # update_trigger_hash exists from v1.68.5, where file_content_hash became computed only.
      version = ">= 1.68.5"
    }
  }
}

resource "genesyscloud_flow" "order_status" {
  filepath            = "${path.module}/../flows/order-status-bot.yaml"
  update_trigger_hash = filesha256("${path.module}/../flows/order-status-bot.yaml")
  substitutions = {
    flow_name = "Order Status"
  }
}

resource "genesyscloud_flow" "callback_inqueue" {
  filepath            = "${path.module}/../flows/callback-inqueue.yaml"
  update_trigger_hash = filesha256("${path.module}/../flows/callback-inqueue.yaml")
  substitutions = {
    flow_name = "Callback In-Queue"
  }
}

resource "genesyscloud_integration_action" "get_order_status" {
  name           = "Get Order Status"
  category       = "Acme Orders"
  integration_id = var.orders_integration_id
  secure         = false
  contract_input = jsonencode({
    "type"     = "object",
    "required" = ["orderNumber"],
    "properties" = {
      "orderNumber" = { "type" = "string" }
    }
  })
  contract_output = jsonencode({
    "type" = "object",
    "properties" = {
      "status" = { "type" = "string" }
    }
  })
  config_request {
    # A literal Velocity `${` must be written `$${` in HCL, or Terraform interpolates it.
    request_url_template = "https://orders.example.com/api/orders/${input.orderNumber}"
    request_type         = "GET"
    headers = {
      Accept = "application/json"
    }
  }
  config_response {
    translation_map = {
      status = "$.order.status"
    }
    success_template = "{\"status\": $${status}}"
  }
}

variable "orders_integration_id" {
  type        = string
  description = "Id of the Acme Orders web services data actions integration."
}
