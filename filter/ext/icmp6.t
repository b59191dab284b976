# icmp6 match
-6
*filter
:INPUT,FORWARD,OUTPUT
-p ipv6-icmp -m icmp6 --icmpv6-type 128;=
-p icmpv6 -m icmp6 --icmpv6-type echo-request;-p ipv6-icmp -m icmp6 --icmpv6-type 128
-p ipv6-icmp -m icmp6 ! --icmpv6-type 1/4;=
-p ipv6-icmp -m icmp6 --icmpv6-type 1;=
-p ipv6-icmp -m icmp6 --icmpv6-type destination-unreachable;-p ipv6-icmp -m icmp6 --icmpv6-type 1
-p ipv6-icmp -m icmp6 --icmpv6-type no-route;-p ipv6-icmp -m icmp6 --icmpv6-type 1/0
-p ipv6-icmp -m icmp6 --icmpv6-type communication-prohibited;-p ipv6-icmp -m icmp6 --icmpv6-type 1/1
-p ipv6-icmp -m icmp6 --icmpv6-type beyond-scope;-p ipv6-icmp -m icmp6 --icmpv6-type 1/2
-p ipv6-icmp -m icmp6 --icmpv6-type address-unreachable;-p ipv6-icmp -m icmp6 --icmpv6-type 1/3
-p ipv6-icmp -m icmp6 --icmpv6-type port-unreachable;-p ipv6-icmp -m icmp6 --icmpv6-type 1/4
-p ipv6-icmp -m icmp6 --icmpv6-type failed-policy;-p ipv6-icmp -m icmp6 --icmpv6-type 1/5
-p ipv6-icmp -m icmp6 --icmpv6-type reject-route;-p ipv6-icmp -m icmp6 --icmpv6-type 1/6
-p ipv6-icmp -m icmp6 --icmpv6-type packet-too-big;-p ipv6-icmp -m icmp6 --icmpv6-type 2
-p ipv6-icmp -m icmp6 --icmpv6-type time-exceeded;-p ipv6-icmp -m icmp6 --icmpv6-type 3
-p ipv6-icmp -m icmp6 --icmpv6-type ttl-exceeded;-p ipv6-icmp -m icmp6 --icmpv6-type 3
-p ipv6-icmp -m icmp6 --icmpv6-type ttl-zero-during-transit;-p ipv6-icmp -m icmp6 --icmpv6-type 3/0
-p ipv6-icmp -m icmp6 --icmpv6-type ttl-zero-during-reassembly;-p ipv6-icmp -m icmp6 --icmpv6-type 3/1
-p ipv6-icmp -m icmp6 --icmpv6-type parameter-problem;-p ipv6-icmp -m icmp6 --icmpv6-type 4
-p ipv6-icmp -m icmp6 --icmpv6-type bad-header;-p ipv6-icmp -m icmp6 --icmpv6-type 4/0
-p ipv6-icmp -m icmp6 --icmpv6-type unknown-header-type;-p ipv6-icmp -m icmp6 --icmpv6-type 4/1
-p ipv6-icmp -m icmp6 --icmpv6-type unknown-option;-p ipv6-icmp -m icmp6 --icmpv6-type 4/2
-p ipv6-icmp -m icmp6 --icmpv6-type echo-reply;-p ipv6-icmp -m icmp6 --icmpv6-type 129
-p ipv6-icmp -m icmp6 --icmpv6-type pong;-p ipv6-icmp -m icmp6 --icmpv6-type 129
-p ipv6-icmp -m icmp6 --icmpv6-type ping;-p ipv6-icmp -m icmp6 --icmpv6-type 128
-p ipv6-icmp -m icmp6 --icmpv6-type router-solicitation;-p ipv6-icmp -m icmp6 --icmpv6-type 133
-p ipv6-icmp -m icmp6 --icmpv6-type router-advertisement;-p ipv6-icmp -m icmp6 --icmpv6-type 134
-p ipv6-icmp -m icmp6 --icmpv6-type neighbour-solicitation;-p ipv6-icmp -m icmp6 --icmpv6-type 135
-p ipv6-icmp -m icmp6 --icmpv6-type neighbor-solicitation;-p ipv6-icmp -m icmp6 --icmpv6-type 135
-p ipv6-icmp -m icmp6 --icmpv6-type neighbour-advertisement;-p ipv6-icmp -m icmp6 --icmpv6-type 136
-p ipv6-icmp -m icmp6 --icmpv6-type neighbor-advertisement;-p ipv6-icmp -m icmp6 --icmpv6-type 136
-p ipv6-icmp -m icmp6 --icmpv6-type redirect;-p ipv6-icmp -m icmp6 --icmpv6-type 137
-p ipv6-icmp -m icmp6 --icmpv6-type 255;=
-p ipv6-icmp -m icmp6 --icmpv6-type 2/0;=
-p ipv6-icmp -m icmp6 --icmpv6-type 1/255;=
-p ipv6-icmp -m icmp6 --icmpv6-type 256;FAIL;Unknown ICMPv6 type `256'
-p ipv6-icmp -m icmp6 --icmpv6-type foo;FAIL;Unknown ICMPv6 type `foo'
-p ipv6-icmp -m icmp6 --icmpv6-type any;FAIL;Unknown ICMPv6 type `any'
-p ipv6-icmp -m icmp6;FAIL;icmp6: option "--icmpv6-type" must be specified
-p 58 -m icmp6 --icmpv6-type 133;-p ipv6-icmp -m icmp6 --icmpv6-type 133
-m icmp6 --icmpv6-type 133;FAIL;@commit
-p tcp -m icmp6 --icmpv6-type 133;FAIL;@commit
# packets
-6
*filter
:INPUT
-p ipv6-icmp -m icmp6 --icmpv6-type 128;=
>proto=icmpv6 type=128;match
>proto=icmpv6 type=129;nomatch
-p ipv6-icmp -m icmp6 ! --icmpv6-type 1/4;=
>proto=icmpv6 type=1 code=4 len=48;nomatch
>proto=icmpv6 type=1 code=3 len=48;match
