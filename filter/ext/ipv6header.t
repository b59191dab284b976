# ipv6header match
-6
*filter
:INPUT,FORWARD,OUTPUT
-m ipv6header --header hop-by-hop;=
-m ipv6header --header hop,dst,route,frag,auth,esp,none,prot;-m ipv6header --header hop-by-hop,ipv6-opts,ipv6-route,ipv6-frag,ah,esp,ipv6-nonxt,protocol
-m ipv6header ! --header frag;-m ipv6header ! --header ipv6-frag
-m ipv6header --header frag --soft;-m ipv6header --header ipv6-frag --soft
-m ipv6header --header ipv6-frag;=
-m ipv6header --header 44;-m ipv6header --header ipv6-frag
-m ipv6header --header 0,60;-m ipv6header --header hop-by-hop,ipv6-opts
-m ipv6header --header foo;FAIL;unknown header `foo' specified
-m ipv6header;FAIL;ipv6header: option "--header" must be specified
-m ipv6header --soft;FAIL;ipv6header: option "--header" must be specified
-m ipv6header --header ipv6-route,ipv6-opts,ah,esp,ipv6-nonxt;-m ipv6header --header ipv6-opts,ipv6-route,ah,esp,ipv6-nonxt
# packets
-6
*filter
:INPUT
-m ipv6header --header protocol;=
>proto=udp;match
-m ipv6header ! --header ipv6-frag --soft;=
>proto=udp;match
